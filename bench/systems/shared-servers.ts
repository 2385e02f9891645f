import type { MeasuredProcess } from './process-stats';
import { pidListeningOn } from './process-stats';

/** Ports of the shared servers that deploy/local/up.sh starts; the same variables move them. */
export const SHARED_SERVER_PORTS = {
  redis: Number(process.env.REDIS_PORT ?? 6379),
  kafka: Number(process.env.KAFKA_PORT ?? 9092),
  cassandra: Number(process.env.CASSANDRA_PORT ?? 9042),
} as const;

export type SharedServer = keyof typeof SHARED_SERVER_PORTS;

/** Returns the shared servers as measured processes; the JVMs (Kafka, Cassandra) count for CPU only. */
export function sharedServerProcesses(servers: SharedServer[]): MeasuredProcess[] {
  return servers.map((name) => {
    const port = SHARED_SERVER_PORTS[name];
    const pid = pidListeningOn(port);
    if (pid === undefined) {
      throw new Error(`${name} is not listening on 127.0.0.1:${port}; start the shared servers with "bash deploy/local/up.sh"`);
    }

    return { name, pid, countMemory: name === 'redis', holdsConnections: false };
  });
}
