import { useEffect, useState } from 'preact/hooks';

/** Returns the current time, updated every intervalMs, for relative times such as "last seen 5 min ago". */
export function useNow(intervalMs = 30_000): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = window.setInterval(() => setNow(Date.now()), intervalMs);

    return () => window.clearInterval(timer);
  }, [intervalMs]);

  return now;
}
