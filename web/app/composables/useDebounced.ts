/** A copy of `source` that follows it once it has been still for `delayMs` (search boxes). */
export function useDebounced<T>(source: Ref<T>, delayMs: number): Ref<T> {
  const settled = ref(source.value) as Ref<T>;
  let timer: ReturnType<typeof setTimeout> | undefined;
  watch(source, (value) => {
    clearTimeout(timer);
    timer = setTimeout(() => {
      settled.value = value;
    }, delayMs);
  });
  onScopeDispose(() => clearTimeout(timer));
  return settled;
}
