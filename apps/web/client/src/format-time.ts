const MINUTE_MS = 60_000;
const HOUR_MS = 60 * MINUTE_MS;

const timeFormat = new Intl.DateTimeFormat(undefined, { hour: '2-digit', minute: '2-digit' });
const weekdayFormat = new Intl.DateTimeFormat(undefined, { weekday: 'short' });
const dateFormat = new Intl.DateTimeFormat(undefined, { day: 'numeric', month: 'short' });
const fullFormat = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });

function startOfDay(time: number): number {
  const date = new Date(time);
  date.setHours(0, 0, 0, 0);

  return date.getTime();
}

/** Formats a message time as the clock time. */
export function formatClockTime(time: number): string {
  return timeFormat.format(time);
}

export function formatFullTime(time: number): string {
  return fullFormat.format(time);
}

/** Formats the time of a conversation's last activity: clock time today, the weekday within a week, else the date. */
export function formatListTime(time: number, now: number): string {
  const today = startOfDay(now);
  if (time >= today) {
    return timeFormat.format(time);
  }
  if (time >= today - 6 * 24 * HOUR_MS) {
    return weekdayFormat.format(time);
  }

  return dateFormat.format(time);
}

/** Describes when a user was last online, e.g. "last seen 5 min ago" or "last seen yesterday at 21:04". */
export function formatLastSeen(lastSeenAt: number, now: number): string {
  if (lastSeenAt <= 0) {
    return 'offline';
  }

  const elapsed = Math.max(0, now - lastSeenAt);
  if (elapsed < MINUTE_MS) {
    return 'last seen just now';
  }
  if (elapsed < HOUR_MS) {
    return `last seen ${Math.floor(elapsed / MINUTE_MS)} min ago`;
  }

  const today = startOfDay(now);
  if (lastSeenAt >= today) {
    return `last seen today at ${timeFormat.format(lastSeenAt)}`;
  }
  if (lastSeenAt >= today - 24 * HOUR_MS) {
    return `last seen yesterday at ${timeFormat.format(lastSeenAt)}`;
  }

  return `last seen ${dateFormat.format(lastSeenAt)}`;
}
