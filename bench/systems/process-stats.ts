import { execFileSync } from 'node:child_process';
import fs from 'node:fs';

/** Clock ticks per second of utime and stime in /proc/<pid>/stat (USER_HZ, 100 on Linux for x86 and arm). */
const CLOCK_TICKS_PER_SECOND = 100;

/** A process whose CPU time and memory count for a system under test. */
export interface MeasuredProcess {
  name: string;
  pid: number;
  /** Whether its resident memory grows with client connections; false for the JVMs, whose heap follows garbage collection. */
  countMemory: boolean;
  /** Whether the process serves the clients' connections (a gateway, a relay, Centrifugo). */
  holdsConnections: boolean;
}

/** Returns the CPU seconds (user + system) that the process used so far, or undefined when it is gone. */
export function cpuSeconds(pid: number): number | undefined {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Fields after the command name, which is in parentheses and may contain spaces.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');

    return (Number(fields[11]) + Number(fields[12])) / CLOCK_TICKS_PER_SECOND;
  } catch {
    return undefined;
  }
}

/** Returns the resident set size in bytes, or undefined when the process is gone. */
export function residentBytes(pid: number): number | undefined {
  try {
    const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
    const match = /^VmRSS:\s+(\d+) kB$/m.exec(status);

    return match ? Number(match[1]) * 1024 : undefined;
  } catch {
    return undefined;
  }
}

export type Snapshot = Record<string, { cpuSeconds: number; residentBytes: number }>;

export function snapshot(processes: MeasuredProcess[]): Snapshot {
  const result: Snapshot = {};
  for (const process of processes) {
    result[process.name] = { cpuSeconds: cpuSeconds(process.pid) ?? NaN, residentBytes: residentBytes(process.pid) ?? NaN };
  }

  return result;
}

/** CPU seconds per process between two snapshots; processes restarted in between count from zero. */
export function cpuDelta(before: Snapshot, after: Snapshot): Record<string, number> {
  const delta: Record<string, number> = {};
  for (const [name, end] of Object.entries(after)) {
    const start = before[name]?.cpuSeconds ?? 0;
    delta[name] = round(end.cpuSeconds >= start ? end.cpuSeconds - start : end.cpuSeconds, 2);
  }

  return delta;
}

export function sum(values: Record<string, number>): number {
  return round(
    Object.values(values).reduce((total, value) => total + (Number.isFinite(value) ? value : 0), 0),
    2,
  );
}

/** Returns the pid of the process that listens on 127.0.0.1:port, from `ss`, or undefined. */
export function pidListeningOn(port: number): number | undefined {
  const output = execFileSync('ss', ['-ltnpH', `sport = :${port}`], { encoding: 'utf8' });
  const match = /pid=(\d+)/.exec(output);

  return match ? Number(match[1]) : undefined;
}

export function round(value: number, digits: number): number {
  const factor = 10 ** digits;

  return Math.round(value * factor) / factor;
}
