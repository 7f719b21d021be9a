/** The part of a UForm that shows field errors. */
export interface FieldErrorSink {
  setErrors(errors: { name: string; message: string }[]): void;
}

/**
 * Creates (POST `collection`) or updates (PUT `collection/<id>`, sending the
 * `updatedAt` it was read at, so a concurrent edit is refused) a master-data
 * row, with a toast either way; field errors go onto the form.
 */
export function useResourceSave<T>(collection: string, noun: string) {
  const { $api } = useNuxtApp();
  const toast = useToast();
  const saving = ref(false);

  async function save(
    editing: { id: string; updatedAt: string } | null | undefined,
    data: object,
    form: FieldErrorSink | null | undefined,
  ): Promise<T | undefined> {
    saving.value = true;
    try {
      // $api types its answer by Nitro route; the collection is only known at run time.
      const saved = (await $api(editing ? `${collection}/${editing.id}` : collection, {
        method: editing ? 'PUT' : 'POST',
        body: { ...data, ...(editing ? { updatedAt: editing.updatedAt } : {}) },
      })) as unknown as T;
      toast.add({ title: editing ? `${noun} saved` : `${noun} created`, color: 'success' });
      return saved;
    } catch (error) {
      const problem = problemFrom(error);
      form?.setErrors(bodyFieldErrors(problem));
      toast.add({ title: 'Not saved', description: problem?.detail ?? (error as Error).message, color: 'error' });
      return undefined;
    } finally {
      saving.value = false;
    }
  }
  return { save, saving };
}
