/** The app a Nitro plugin receives (nitropack is not a direct dependency, so named through its auto-import). */
type NitroApp = ReturnType<typeof useNitroApp>;

/**
 * Runs `task` at boot and then every `intervalMs` until the server closes,
 * never twice at once (a slow run makes the next tick skip). A failure is
 * logged under `label` and retried at the next tick.
 */
export function runPeriodically(
  nitroApp: NitroApp,
  label: string,
  intervalMs: number,
  task: () => Promise<unknown>,
): void {
  let running = false;
  const run = () => {
    if (running) return;
    running = true;
    task()
      .catch((error: unknown) => {
        console.error(`[${label}] failed, retrying:`, error instanceof Error ? error.message : error);
      })
      .finally(() => {
        running = false;
      });
  };
  const timer = setInterval(run, intervalMs);
  // Timers must not keep a stopping process alive.
  timer.unref();
  run();
  nitroApp.hooks.hook('close', () => clearInterval(timer));
}
