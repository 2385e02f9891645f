/**
 * Addresses of the local servers that deploy/local/up.sh runs, taken from the
 * same variables as the services, so that tests follow servers moved to
 * other ports.
 */
export const KAFKA_BROKERS = (process.env.KAFKA_BROKERS ?? '127.0.0.1:9092').split(',');
export const CASSANDRA_CONTACT_POINTS = (process.env.CASSANDRA_CONTACT_POINTS ?? '127.0.0.1:9042').split(',');
