import type { WirePresence } from '@messenger/protocol';
import { formatLastSeen } from './format-time';

/** Describes a user's presence: "online", "last seen …", or "offline" when nothing is known. */
export function describePresence(presence: WirePresence | undefined, now: number): string {
  if (presence === undefined) {
    return 'offline';
  }

  return presence.status === 'online' ? 'online' : formatLastSeen(presence.lastSeenAt, now);
}

interface PresenceDotProps {
  presence: WirePresence | undefined;
  now: number;
}

export function PresenceDot({ presence, now }: PresenceDotProps) {
  const online = presence?.status === 'online';
  const text = describePresence(presence, now);

  return <span class={online ? 'presence-dot online' : 'presence-dot'} role="img" aria-label={text} title={text} />;
}
