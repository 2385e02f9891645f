import type { WireConversation } from '@messenger/protocol';
import {
  describeError,
  formatClock,
  formatConversationRow,
  formatMessageLine,
  formatPresenceChange,
  formatPresenceState,
  formatState,
  formatStateChange,
  sanitizeForTerminal,
  unreadCount,
} from './render';

const at1203 = new Date(2024, 0, 2, 12, 3, 45).getTime();
const at0904 = new Date(2024, 0, 2, 9, 4).getTime();

function conversation(lastSeq: number, selfReadSeq: number): WireConversation {
  return {
    conversationId: 'c1',
    kind: 'direct',
    lastSeq,
    createdAt: 0,
    lastActivityAt: 0,
    unreadCount: Math.max(0, lastSeq - selfReadSeq),
    members: [
      { userId: 'me', username: 'alice', deliveredSeq: selfReadSeq, readSeq: selfReadSeq },
      { userId: 'peer', username: 'bob', deliveredSeq: 0, readSeq: 0 },
    ],
  };
}

describe('render', () => {
  it('formats the clock as local HH:MM', () => {
    expect(formatClock(at1203)).toBe('12:03');
    expect(formatClock(at0904)).toBe('09:04');
  });

  it('labels each own message state', () => {
    expect(formatState('sending')).toBe('sending…');
    expect(formatState('sent')).toBe('✓ sent');
    expect(formatState('delivered')).toBe('✓✓ delivered');
    expect(formatState('read')).toBe('read');
    expect(formatState('failed')).toBe('not sent');
  });

  it('formats an incoming message line', () => {
    expect(formatMessageLine(at1203, 'bob', 'hi')).toBe('[12:03] bob: hi');
  });

  it('appends the state to an own message line', () => {
    expect(formatMessageLine(at1203, 'alice', 'hi', 'delivered')).toBe('[12:03] alice: hi (✓✓ delivered)');
  });

  it('indents continuation lines under the body', () => {
    expect(formatMessageLine(at1203, 'bob', 'one\ntwo')).toBe('[12:03] bob: one\n             two');
  });

  it('quotes a short body in a state change', () => {
    expect(formatStateChange('see you', 'read')).toBe('  "see you" → read');
  });

  it('shortens a long body in a state change', () => {
    const line = formatStateChange('x'.repeat(100), 'sent');

    expect(line).toBe(`  "${'x'.repeat(39)}…" → ✓ sent`);
  });

  it('describes live presence changes', () => {
    expect(formatPresenceChange('bob', 'online', at0904)).toBe('bob is online');
    expect(formatPresenceChange('bob', 'offline', at1203)).toBe('bob went offline, last seen 12:03');
    expect(formatPresenceChange('bob', 'offline', 0)).toBe('bob went offline');
  });

  it('describes a presence snapshot', () => {
    expect(formatPresenceState('bob', 'online', at1203)).toBe('bob is online');
    expect(formatPresenceState('bob', 'offline', at0904)).toBe('bob is offline, last seen 09:04');
  });

  it('counts unread messages from the own read position', () => {
    expect(unreadCount(conversation(12, 9), 'me')).toBe(3);
    expect(unreadCount(conversation(12, 12), 'me')).toBe(0);
    expect(unreadCount(conversation(4, 0), 'stranger')).toBe(4);
  });

  it('formats a conversation row', () => {
    expect(formatConversationRow(conversation(12, 9), 'me', 5)).toBe('  bob    last #12  unread 3');
  });

  it('replaces terminal control characters but keeps line feeds', () => {
    expect(sanitizeForTerminal('a\u001b[2Jb\nc\u0007\u009b')).toBe('a\ufffd[2Jb\nc\ufffd\ufffd');
  });

  it('names the cause of a failed fetch', () => {
    const error = new TypeError('fetch failed', { cause: new Error('connect ECONNREFUSED 127.0.0.1:8080') });

    expect(describeError(error)).toBe('fetch failed: connect ECONNREFUSED 127.0.0.1:8080');
  });

  it('redacts an access token in a quoted URL', () => {
    const error = new Error('Invalid URL: ws://127.0.0.1:8080/v1/ws?access_token=eyJ.abc.def&device_id=d1');

    expect(describeError(error)).toBe('Invalid URL: ws://127.0.0.1:8080/v1/ws?access_token=redacted&device_id=d1');
  });

  it('describes non-Error values', () => {
    expect(describeError('boom')).toBe('boom');
  });
});
