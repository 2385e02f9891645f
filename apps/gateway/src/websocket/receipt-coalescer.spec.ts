import { ReceiptCoalescer } from './receipt-coalescer';

describe('ReceiptCoalescer', () => {
  it('merges receipts that arrive during a call', async () => {
    const calls: number[] = [];
    let release: () => void = () => undefined;
    const sut = new ReceiptCoalescer(async (_conversationId, _kind, seq) => {
      calls.push(seq);
      if (calls.length === 1) await new Promise<void>((resolve) => (release = resolve));
    });

    const first = sut.submit('c', 'ack', 1);
    const merged = [sut.submit('c', 'ack', 3), sut.submit('c', 'ack', 2), sut.submit('c', 'ack', 5)];
    release();
    await Promise.all([first, ...merged]);

    expect(calls).toEqual([1, 5]);
  });

  it('keeps kinds and conversations apart', async () => {
    const calls: string[] = [];
    const sut = new ReceiptCoalescer(async (conversationId, kind, seq) => {
      calls.push(`${conversationId}:${kind}:${seq}`);
    });

    await Promise.all([sut.submit('a', 'ack', 1), sut.submit('a', 'read', 1), sut.submit('b', 'ack', 2)]);

    expect(calls.sort()).toEqual(['a:ack:1', 'a:read:1', 'b:ack:2']);
  });

  it('rejects every merged receipt when the call fails', async () => {
    const sut = new ReceiptCoalescer(async () => {
      throw new Error('down');
    });

    await expect(sut.submit('c', 'read', 4)).rejects.toThrow('down');
  });
});
