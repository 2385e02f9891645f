/** Messages between the load coordinator and its worker threads. */
import type { HistogramData } from './histogram';

export type SystemKind = 'platform' | 'ws-relay' | 'socketio-relay' | 'centrifugo';

/** One client connection that a worker opens and keeps open. */
export interface ConnectionSpec {
  /** Index of the connection in the whole trial, unique across workers. */
  index: number;
  userId: string;
  /** Complete URL to connect to, credentials included where the system takes them in the query. */
  url: string;
  /** Credential sent after the socket opens (Centrifugo), or in the handshake (Socket.IO). */
  token?: string;
  /** Source address to bind before connecting, from 127.0.0.0/8. */
  localAddress?: string;
}

/** A sender and a receiver that exchange one-to-one messages. */
export interface PairSpec {
  sender: number;
  receiver: number;
  /** Platform conversation of the two users; peers address the receiver's user id instead. */
  conversationId?: string;
}

export interface WorkerSetup {
  system: SystemKind;
  connections: ConnectionSpec[];
  pairs: PairSpec[];
  /** Interval of client heartbeats, for systems whose clients send them. */
  heartbeatMs: number;
  /** Handshakes this worker keeps in progress at once while connecting. */
  connectConcurrency: number;
  /** Maximum random delay before a dropped connection reconnects, drawn anew per attempt. */
  reconnectJitterMs: number;
}

export interface LoadCommand {
  type: 'load';
  /** Tag in every message id of this trial; messages of other trials are counted as stale. */
  trialTag: string;
  /** Messages per second that this worker sends, spread over its pairs. */
  ratePerSecond: number;
  durationMs: number;
  /** How long to wait after the last send for messages still on their way. */
  drainMs: number;
}

export type CoordinatorMessage =
  | { type: 'connect' }
  | LoadCommand
  | { type: 'counters' }
  | { type: 'mark-storm' }
  | { type: 'close' };

/** Outcome of one load command in one worker. */
export interface LoadStats {
  sent: number;
  delivered: number;
  /** Messages delivered twice that the client could not drop by sequence number. */
  duplicates: number;
  /** Messages delivered again with a sequence number the client already had; the protocol allows it after a reconnect. */
  redelivered: number;
  /** Messages of an earlier trial. */
  stale: number;
  /** Sent messages not delivered when the drain ended. */
  undelivered: number;
  /** Sends that the server rejected (retried by the client where the protocol allows it). */
  rejected: number;
  /** Largest delay between a message's scheduled send time and its write to the socket. */
  maxScheduleLagMs: number;
  /** Send-to-delivery latency from each message's scheduled send time. */
  latency: HistogramData;
  elapsedMs: number;
}

/** Connection counters since the worker started. */
export interface WorkerCounters {
  open: number;
  heartbeatsSent: number;
  connectFailures: number;
  /** For each connection that dropped since the last mark-storm: ms from the mark to its first resume, or null. */
  resumedAfterMs: (number | null)[];
  droppedSinceMark: number;
}

export type WorkerMessage =
  | { type: 'connected'; open: number; failed: number; firstError?: string }
  | { type: 'load-done'; stats: LoadStats }
  | { type: 'counters'; counters: WorkerCounters }
  | { type: 'marked' }
  | { type: 'closed' }
  | { type: 'error'; message: string };
