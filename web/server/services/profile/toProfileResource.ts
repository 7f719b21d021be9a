import { initialsOf, NOTIFICATION_PREFS_DEFAULT, NotificationPrefs, type ProfileResource } from '@billstream/contracts';
import type { User } from '@billstream/db';

/** Stored preferences over the defaults: a key added later starts at its default. */
export function notificationPrefsOf(stored: unknown): NotificationPrefs {
  const merged = { ...NOTIFICATION_PREFS_DEFAULT, ...(typeof stored === 'object' && stored !== null ? stored : {}) };
  const parsed = NotificationPrefs.safeParse(
    Object.fromEntries(
      Object.keys(NOTIFICATION_PREFS_DEFAULT).map((key) => [key, merged[key as keyof NotificationPrefs]]),
    ),
  );
  return parsed.success ? parsed.data : NOTIFICATION_PREFS_DEFAULT;
}

export function toProfileResource(user: User, pendingEmail: string | null): ProfileResource {
  return {
    id: user.id,
    email: user.email,
    firstName: user.firstName,
    lastName: user.lastName,
    initials: initialsOf(user),
    locale: user.locale,
    timezone: user.timezone,
    notificationPrefs: notificationPrefsOf(user.notificationPrefs),
    pendingEmail,
  };
}
