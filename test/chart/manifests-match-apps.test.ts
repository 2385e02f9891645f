/**
 * The rendered chart must run the applications as they really are. Every
 * environment variable is one that the service reads, and its value passes
 * the service's own config reader. Ports and probe paths are the ones the
 * service serves. Selectors pick the right pods, gRPC addresses name the
 * callee's pods, and each NetworkPolicy admits exactly the services
 * configured to call it.
 */
import 'reflect-metadata';
import { generateKeyPairSync } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PATH_METADATA } from '@nestjs/common/constants';
import { EnvGroup } from '@messenger/config';
import { HealthController, METRICS_PATH } from '@messenger/observability';
import { authEnv, readAuthConfig } from '../../apps/auth/src/config/auth.config';
import { gatewayEnv, readGatewayConfig } from '../../apps/gateway/src/config/gateway.config';
import { messageEnv, readMessageConfig } from '../../apps/message/src/config/message.config';
import { presenceEnv, readPresenceConfig } from '../../apps/presence/src/config/presence.config';
import { K8sObject, ROOT, VALUES_CASES, find, parseManifests, renderChart, selects } from './support/helm';

interface EnvEntry {
  name: string;
  value?: string;
  valueFrom?: { fieldRef?: { fieldPath: string }; secretKeyRef?: { name: string; key: string } };
}

interface ServiceUnderTest {
  name: string;
  env: () => EnvGroup<unknown>;
  read: (env: NodeJS.ProcessEnv) => { httpHost: string; httpPort: number; metricsHost: string; metricsPort: number };
}

const SERVICES: ServiceUnderTest[] = [
  { name: 'gateway', env: gatewayEnv, read: readGatewayConfig },
  { name: 'auth', env: authEnv, read: readAuthConfig },
  { name: 'message', env: messageEnv, read: readMessageConfig },
  { name: 'presence', env: presenceEnv, read: readPresenceConfig },
];

/** Read by Node itself or by the logging library rather than by a service's config. */
const PROCESS_VARIABLES = new Set(['LOG_LEVEL', 'NODE_OPTIONS']);
const SAMPLE_POD_NAME = 'chat-messenger-gateway-6d4cf56db9-x7k2p';
/** Variables that must point at the cluster's servers, never at the loopback defaults. */
const SERVER_VARIABLES = ['REDIS_URL', 'KAFKA_BROKERS', 'CASSANDRA_CONTACT_POINTS'];
const LOOPBACK = /127\.0\.0\.1|localhost/;
const GRPC_URL_VARIABLE = /^([A-Z]+)_GRPC_URL$/;
const NAME_LABEL = 'app.kubernetes.io/name';

const byNumber = (a: number, b: number) => a - b;
const objectName = (service: string) => `chat-messenger-${service}`;

function healthRoutes(): Set<string> {
  const base = Reflect.getMetadata(PATH_METADATA, HealthController) as string;
  const prototype = HealthController.prototype as unknown as Record<string, object>;
  const routes = Object.getOwnPropertyNames(prototype)
    .map((method) => Reflect.getMetadata(PATH_METADATA, prototype[method]) as string | undefined)
    .filter((route): route is string => route !== undefined)
    .map((route) => `/${base}${route === '/' ? '' : `/${route}`}`);

  return new Set(routes);
}

function ed25519Pem(): string {
  return generateKeyPairSync('ed25519').privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
}

describe.each(VALUES_CASES)('the chart with $name', ({ files, set, release }) => {
  let objects: K8sObject[];
  let keyDir: string;

  beforeAll(() => {
    objects = parseManifests(renderChart(files, set, release));
    keyDir = fs.mkdtempSync(path.join(os.tmpdir(), 'chart-keys-'));
  });

  afterAll(() => fs.rmSync(keyDir, { recursive: true, force: true }));

  const ofKind = (kind: string) => objects.filter((object) => object.kind === kind);
  const deploymentOf = (service: string) => {
    const matches = ofKind('Deployment').filter((object) => object.metadata.labels?.[NAME_LABEL] === service);
    if (matches.length !== 1) throw new Error(`expected one Deployment of ${service}, found ${matches.length}`);

    return matches[0];
  };
  const podLabelsOf = (service: string) => deploymentOf(service).spec.template.metadata.labels as Record<string, string>;
  const containerOf = (service: string) => deploymentOf(service).spec.template.spec.containers[0];
  /** The Service named like the Deployment: its HTTP, gRPC and (inside the cluster) metrics ports. */
  const mainServiceOf = (service: string) => find(objects, 'Service', deploymentOf(service).metadata.name);
  /** The service whose pods a selector picks, or undefined. */
  const serviceSelectedBy = (selector: Record<string, string>) =>
    SERVICES.map((service) => service.name).find((service) => selects(selector, podLabelsOf(service)));

  /** Builds the environment a container starts with: its ConfigMap and env entries, secrets filled with samples. */
  function environmentOf(container: { envFrom?: { configMapRef?: { name: string } }[]; env?: EnvEntry[] }) {
    const env: NodeJS.ProcessEnv = {};
    for (const source of container.envFrom ?? []) {
      if (source.configMapRef) Object.assign(env, find(objects, 'ConfigMap', source.configMapRef.name).data);
    }
    for (const entry of container.env ?? []) {
      if (entry.value !== undefined) env[entry.name] = entry.value;
      else if (entry.valueFrom?.fieldRef?.fieldPath === 'metadata.name') env[entry.name] = SAMPLE_POD_NAME;
      else if (entry.valueFrom?.secretKeyRef) env[entry.name] = sampleSecret(entry.valueFrom.secretKeyRef);
      else throw new Error(`env ${entry.name} has a source this test does not know`);
    }

    return env;
  }
  const serviceEnvironment = (service: string) => environmentOf(containerOf(service));

  /** Returns a chart-made Secret's real value, or a plausible sample for a Secret that exists before the install. */
  function sampleSecret(reference: { name: string; key: string }): string {
    const secret = objects.find((object) => object.kind === 'Secret' && object.metadata.name === reference.name);
    if (secret?.stringData?.[reference.key] !== undefined) return secret.stringData[reference.key];
    if (secret?.data?.[reference.key] !== undefined) return Buffer.from(secret.data[reference.key], 'base64').toString();
    if (secret) throw new Error(`Secret ${reference.name} has no key ${reference.key}`);
    if (reference.key === 'url') return 'redis://:sample-password@redis.data:6379';

    return 'sample';
  }

  /** Writes the signing key that the auth pod would mount, and points AUTH_SIGNING_KEY_FILE at it. */
  function withMountedSigningKey(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
    const podSpec = deploymentOf('auth').spec.template.spec;
    const keyPath = env.AUTH_SIGNING_KEY_FILE as string;
    const mount = podSpec.containers[0].volumeMounts.find(
      (candidate: { mountPath: string }) => candidate.mountPath === path.dirname(keyPath),
    );
    expect(mount).toBeDefined();
    const volume = podSpec.volumes.find((candidate: { name: string }) => candidate.name === mount.name);
    const item = volume.secret.items.find((candidate: { path: string }) => candidate.path === path.basename(keyPath));
    expect(item).toBeDefined();
    const pem = sampleSecret({ name: volume.secret.secretName, key: item.key });
    const file = path.join(keyDir, path.basename(keyPath));
    fs.writeFileSync(file, pem === 'sample' ? ed25519Pem() : pem);

    return { ...env, AUTH_SIGNING_KEY_FILE: file };
  }

  it.each(SERVICES)('sets only variables that $name reads, with values it accepts', (service) => {
    const env = serviceEnvironment(service.name);
    const known = new Set(Object.values(service.env().names as Record<string, string>));
    const unknown = Object.keys(env).filter((name) => !known.has(name) && !PROCESS_VARIABLES.has(name));
    expect(unknown).toEqual([]);

    const readable = service.name === 'auth' ? withMountedSigningKey(env) : env;
    const config = service.read(readable);
    expect(config.httpHost).toBe('0.0.0.0');
    expect(config.metricsHost).toBe('0.0.0.0');
  });

  it.each(SERVICES)('points $name at the cluster, not at its loopback defaults', (service) => {
    const env = serviceEnvironment(service.name);
    const known = Object.values(service.env().names as Record<string, string>);
    const required = known.filter((name) => SERVER_VARIABLES.includes(name) || GRPC_URL_VARIABLE.test(name));
    expect(required.length).toBeGreaterThan(0);
    for (const name of required) {
      expect({ name, value: env[name] }).toEqual({ name, value: expect.not.stringMatching(LOOPBACK) });
    }
  });

  it.each(SERVICES)('exposes the ports that $name listens on', (service) => {
    const env = serviceEnvironment(service.name);
    const containerPorts = new Map<string, number>(
      containerOf(service.name).ports.map((port: { name: string; containerPort: number }) => [port.name, port.containerPort]),
    );
    expect(containerPorts.get('http')).toBe(Number(env.HTTP_PORT));
    expect(containerPorts.get('metrics')).toBe(Number(env.METRICS_PORT));
    expect(containerPorts.get('grpc')).toBe(env.GRPC_PORT === undefined ? undefined : Number(env.GRPC_PORT));
  });

  it.each(SERVICES)('selects the pods of $name from each of its Services', (service) => {
    const deployment = deploymentOf(service.name);
    expect(selects(deployment.spec.selector.matchLabels, podLabelsOf(service.name))).toBe(true);

    const services = ofKind('Service').filter((object) => object.metadata.labels?.[NAME_LABEL] === service.name);
    const exposed = new Set<string>();
    for (const object of services) {
      expect(serviceSelectedBy(object.spec.selector)).toBe(service.name);
      for (const port of object.spec.ports) {
        expect(containerOf(service.name).ports.map((candidate: { name: string }) => candidate.name)).toContain(port.targetPort);
        exposed.add(port.name);
      }
    }
    // Metrics stay reachable inside the cluster whatever the main Service's type.
    expect(exposed.has('metrics')).toBe(true);
    if (mainServiceOf(service.name).spec.type !== 'ClusterIP') {
      expect(mainServiceOf(service.name).spec.ports.map((port: { name: string }) => port.name)).not.toContain('metrics');
    }
  });

  it.each(SERVICES)('probes $name on paths it serves', (service) => {
    const routes = healthRoutes();
    const container = containerOf(service.name);
    for (const probe of ['startupProbe', 'livenessProbe', 'readinessProbe']) {
      expect(routes.has(container[probe].httpGet.path)).toBe(true);
      expect(container[probe].httpGet.port).toBe('http');
    }
    // A slow dependency must not restart a pod: only readiness may check dependencies.
    expect(container.livenessProbe.httpGet.path).toBe('/health/live');
    expect(container.readinessProbe.httpGet.path).toBe('/health/ready');
  });

  it('wires gRPC addresses and policies to callers', () => {
    const callers = new Map<string, Set<string>>();
    for (const service of SERVICES) {
      for (const [name, value] of Object.entries(serviceEnvironment(service.name))) {
        const called = GRPC_URL_VARIABLE.exec(name)?.[1].toLowerCase();
        if (!called) continue;
        const address = /^dns:\/\/\/([^:]+):(\d+)$/.exec(value ?? '');
        expect(address).not.toBeNull();
        const headless = find(objects, 'Service', address![1]);
        expect(headless.spec.clusterIP).toBe('None');
        expect(serviceSelectedBy(headless.spec.selector)).toBe(called);
        const grpcPort = headless.spec.ports.find((port: { port: number }) => port.port === Number(address![2]));
        expect(grpcPort?.targetPort).toBe('grpc');
        callers.set(called, (callers.get(called) ?? new Set()).add(service.name));
      }
    }
    expect([...callers.keys()].sort()).toEqual(['auth', 'message', 'presence']);

    for (const [called, expected] of callers) {
      const policies = ofKind('NetworkPolicy').filter((policy) => serviceSelectedBy(policy.spec.podSelector.matchLabels) === called);
      if (policies.length === 0) continue;
      expect(policies).toHaveLength(1);
      const grpcRule = policies[0].spec.ingress.find((rule: { ports: { port: string }[] }) =>
        rule.ports.some((port) => port.port === 'grpc'),
      );
      const admitted = grpcRule.from.map((peer: { podSelector: { matchLabels: Record<string, string> } }) =>
        serviceSelectedBy(peer.podSelector.matchLabels),
      );
      expect(new Set(admitted)).toEqual(expected);
    }
  });

  it('targets existing pods and Services from the autoscaler, budgets and Ingress', () => {
    for (const budget of ofKind('PodDisruptionBudget')) {
      expect(serviceSelectedBy(budget.spec.selector.matchLabels)).toBeDefined();
    }
    for (const autoscaler of ofKind('HorizontalPodAutoscaler')) {
      expect(find(objects, 'Deployment', autoscaler.spec.scaleTargetRef.name).spec.replicas).toBeUndefined();
    }
    for (const ingress of ofKind('Ingress')) {
      for (const rule of ingress.spec.rules) {
        for (const route of rule.http.paths) {
          const backend = find(objects, 'Service', route.backend.service.name);
          expect(backend.spec.ports.map((port: { name: string }) => port.name)).toContain(route.backend.service.port.name);
        }
      }
    }
  });

  it('drains each pod within its termination grace period', () => {
    for (const service of SERVICES) {
      const podSpec = deploymentOf(service.name).spec.template.spec;
      const preStopSeconds = podSpec.containers[0].lifecycle?.preStop?.sleep?.seconds ?? 0;
      const drainMs = Number(serviceEnvironment(service.name).SHUTDOWN_GRACE_MS ?? 0);
      expect(podSpec.terminationGracePeriodSeconds).toBeGreaterThan(preStopSeconds + drainMs / 1000);
    }
  });

  it('scrapes the metrics path of every service', () => {
    const monitor = objects.find((object) => object.kind === 'ServiceMonitor');
    if (!monitor) return;
    expect(monitor.spec.endpoints).toEqual([expect.objectContaining({ port: 'metrics', path: METRICS_PATH })]);
    const selected = monitor.spec.selector.matchExpressions[0].values as string[];
    expect(new Set(selected)).toEqual(new Set(SERVICES.map((service) => service.name)));
    for (const service of SERVICES) {
      const scraped = ofKind('Service').filter(
        (object) =>
          selects(monitor.spec.selector.matchLabels, object.metadata.labels) &&
          object.metadata.labels?.[NAME_LABEL] === service.name &&
          object.spec.ports.some((port: { name: string }) => port.name === 'metrics'),
      );
      expect(scraped).toHaveLength(1);
    }
  });

  it('runs the setup job from the message image against the same servers', () => {
    const job = objects.find((object) => object.kind === 'Job');
    if (!job) return;
    const container = job.spec.template.spec.containers[0];
    expect(container.image).toBe(containerOf('message').image);
    expect(container.command.at(-1)).toBe('dist/tools/infra-setup.js');
    expect(fs.existsSync(path.join(ROOT, 'tools', 'infra-setup.ts'))).toBe(true);
    expect(fs.readFileSync(path.join(ROOT, 'apps', 'message', 'Dockerfile'), 'utf8')).toContain('deploy/cassandra/migrations');

    const jobEnv = environmentOf(container);
    const messageEnv = serviceEnvironment('message');
    for (const name of ['KAFKA_BROKERS', 'CASSANDRA_CONTACT_POINTS', 'CASSANDRA_LOCAL_DATA_CENTER', 'CASSANDRA_KEYSPACE']) {
      expect({ name, value: jobEnv[name] }).toEqual({ name, value: messageEnv[name] });
    }
    expect(jobEnv.CASSANDRA_USERNAME).toBe(messageEnv.CASSANDRA_USERNAME);
  });
});

describe('the Dockerfiles', () => {
  let objects: K8sObject[];

  beforeAll(() => {
    objects = parseManifests(renderChart([]));
  });

  it.each(SERVICES)('start $name and expose the ports the chart uses', (service) => {
    const dockerfile = fs.readFileSync(path.join(ROOT, 'apps', service.name, 'Dockerfile'), 'utf8');
    expect(dockerfile).toContain(`"dist/apps/${service.name}/src/main.js"`);
    expect(fs.existsSync(path.join(ROOT, 'apps', service.name, 'src', 'main.ts'))).toBe(true);
    expect(dockerfile).toMatch(/^USER node$/m);

    const exposed = /^EXPOSE (.+)$/m.exec(dockerfile)?.[1].split(' ').map(Number).sort(byNumber);
    const container = find(objects, 'Deployment', objectName(service.name)).spec.template.spec.containers[0];
    const used = container.ports.map((port: { containerPort: number }) => port.containerPort).sort(byNumber);
    expect(exposed).toEqual(used);
  });
});
