/**
 * The rendered chart must run the applications as they really are. Every
 * environment variable is one that the service reads, and its value passes
 * the service's own config reader. Ports and probe paths are the ones the
 * service serves. Selectors pick the right pods, gRPC addresses name the
 * callee's pods, and each NetworkPolicy admits exactly the services
 * configured to call it.
 */
import 'reflect-metadata';
import { generateKeyPairSync, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Type } from '@nestjs/common';
import { PATH_METADATA } from '@nestjs/common/constants';
import pino from 'pino';
import { EnvGroup, readConfig } from '@messenger/config';
import { HealthController, METRICS_PATH } from '@messenger/observability';
import { authEnv, readAuthConfig } from '../../apps/auth/src/config/auth.config';
import { gatewayEnv, readGatewayConfig } from '../../apps/gateway/src/config/gateway.config';
import { AuthController } from '../../apps/gateway/src/http/auth.controller';
import { MediaConfig, mediaEnv, readMediaConfig, s3Settings } from '../../apps/media/src/config/media.config';
import { MediaModule } from '../../apps/media/src/media.module';
import { messageEnv, readMessageConfig } from '../../apps/message/src/config/message.config';
import { presenceEnv, readPresenceConfig } from '../../apps/presence/src/config/presence.config';
import {
  K8sObject,
  REQUIRED_SET,
  ROOT,
  VALUES_CASES,
  find,
  parseManifests,
  renderChart,
  selects,
  valueOf,
} from './support/helm';

interface EnvEntry {
  name: string;
  value?: string;
  valueFrom?: { fieldRef?: { fieldPath: string }; secretKeyRef?: { name: string; key: string } };
}

interface IngressRoute {
  path: string;
  pathType: string;
  backend: { service: { name: string; port: { name: string } } };
}

interface NetworkPolicyRule {
  ports: { port: string }[];
  from?: { podSelector?: { matchLabels: Record<string, string> } }[];
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
  { name: 'media', env: mediaEnv, read: readMediaConfig },
];

/** A key file that a service reads at start-up from a mounted Secret, and a sample for a Secret made outside the chart. */
interface KeyFile {
  variable: string;
  sample: () => Buffer;
}

const KEY_FILES: Record<string, KeyFile> = {
  auth: { variable: 'AUTH_SIGNING_KEY_FILE', sample: () => Buffer.from(ed25519Pem()) },
  media: { variable: 'MEDIA_URL_SIGNING_KEY_FILE', sample: () => randomBytes(32) },
};

/** Read by Node itself or by the logging library rather than by a service's config. */
const PROCESS_VARIABLES = new Set(['LOG_LEVEL', 'NODE_OPTIONS']);
const SAMPLE_POD_NAME = 'chat-messenger-gateway-6d4cf56db9-x7k2p';
/** Variables that must point at the cluster's servers, never at the loopback defaults. */
const SERVER_VARIABLES = ['REDIS_URL', 'KAFKA_BROKERS', 'CASSANDRA_CONTACT_POINTS', 'MEDIA_S3_ENDPOINT'];
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

/** Returns the URL path of an HTTP controller class, e.g. "/v1/media/uploads". */
function controllerPath(controller: Type<unknown>): string {
  return `/${Reflect.getMetadata(PATH_METADATA, controller) as string}`.replace(/\/+$/, '');
}

/** Lists the path prefixes of the media service's HTTP API, from the controllers that its module serves. */
function mediaApiPaths(): string[] {
  const module = MediaModule.forRoot({} as MediaConfig, pino({ level: 'silent' }));

  return (module.controllers ?? []).map(controllerPath).filter((route) => route.startsWith('/v1/'));
}

/** Tells whether an Ingress path of type Prefix matches a request path, element by element. */
function prefixMatches(prefix: string, requestPath: string): boolean {
  const trimmed = prefix.replace(/\/+$/, '');

  return requestPath === trimmed || requestPath.startsWith(`${trimmed}/`) || trimmed === '';
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

  const chartSecret = (name: string) => objects.find((object) => object.kind === 'Secret' && object.metadata.name === name);

  /** Returns the bytes of a chart-made Secret's key, or undefined for a Secret that exists before the install. */
  function chartSecretBytes(reference: { name: string; key: string }): Buffer | undefined {
    const secret = chartSecret(reference.name);
    if (!secret) return undefined;
    if (secret.stringData?.[reference.key] !== undefined) return Buffer.from(secret.stringData[reference.key]);
    if (secret.data?.[reference.key] !== undefined) return Buffer.from(secret.data[reference.key], 'base64');
    throw new Error(`Secret ${reference.name} has no key ${reference.key}`);
  }

  /** Returns a chart-made Secret's real value, or a plausible sample for a Secret that exists before the install. */
  function sampleSecret(reference: { name: string; key: string }): string {
    const bytes = chartSecretBytes(reference);
    if (bytes) return bytes.toString();
    if (reference.key === 'url') return 'redis://:sample-password@redis.data:6379';

    return 'sample';
  }

  /** Writes the key file that the service's pod would mount, and points its variable at the written copy. */
  function withMountedKeyFile(service: string, env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
    const keyFile = KEY_FILES[service];
    if (!keyFile) return env;
    const podSpec = deploymentOf(service).spec.template.spec;
    const keyPath = env[keyFile.variable] as string;
    const mount = podSpec.containers[0].volumeMounts.find(
      (candidate: { mountPath: string }) => candidate.mountPath === path.dirname(keyPath),
    );
    expect(mount).toBeDefined();
    const volume = podSpec.volumes.find((candidate: { name: string }) => candidate.name === mount.name);
    const item = volume.secret.items.find((candidate: { path: string }) => candidate.path === path.basename(keyPath));
    expect(item).toBeDefined();
    const reference = { name: volume.secret.secretName, key: item.key };
    const file = path.join(keyDir, `${service}-${path.basename(keyPath)}`);
    fs.writeFileSync(file, chartSecretBytes(reference) ?? keyFile.sample());

    return { ...env, [keyFile.variable]: file };
  }

  it.each(SERVICES)('sets only variables that $name reads, with values it accepts', (service) => {
    const env = serviceEnvironment(service.name);
    const known = new Set(Object.values(service.env().names as Record<string, string>));
    const unknown = Object.keys(env).filter((name) => !known.has(name) && !PROCESS_VARIABLES.has(name));
    expect(unknown).toEqual([]);

    const config = service.read(withMountedKeyFile(service.name, env));
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
    expect([...callers.keys()].sort()).toEqual(['auth', 'media', 'message', 'presence']);

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

  it.each(Object.keys(KEY_FILES))('keeps the %s key Secret on uninstall', (service) => {
    const podSpec = deploymentOf(service).spec.template.spec;
    const keyDirectory = path.dirname(serviceEnvironment(service)[KEY_FILES[service].variable] as string);
    const mount = podSpec.containers[0].volumeMounts.find(
      (candidate: { mountPath: string }) => candidate.mountPath === keyDirectory,
    );
    const volume = podSpec.volumes.find((candidate: { name: string }) => candidate.name === mount.name);
    const secret = chartSecret(volume.secret.secretName);
    if (!secret) return;
    expect(secret.metadata.annotations?.['helm.sh/resource-policy']).toBe('keep');
  });

  it('splits /v1 between gateway and media', () => {
    const ingresses = ofKind('Ingress');
    if (ingresses.length === 0) return;
    const hosts = new Set(ingresses.flatMap((ingress) => ingress.spec.rules.map((rule: { host: string }) => rule.host)));
    expect(hosts.size).toBe(1);
    const routes = ingresses.flatMap((ingress) =>
      ingress.spec.rules.flatMap((rule: { http: { paths: IngressRoute[] } }) => rule.http.paths),
    );
    for (const route of routes) {
      expect(route.pathType).toBe('Prefix');
      // The gateway and media serve their APIs on http, and gRPC and metrics stay inside the cluster.
      expect(route.backend.service.port.name).toBe('http');
    }
    /** Returns the service that receives a request path, by the longest matching prefix. */
    const serviceFor = (requestPath: string) => {
      const matching = routes.filter((route) => prefixMatches(route.path, requestPath));
      const longest = matching.sort((a, b) => b.path.length - a.path.length)[0];

      return longest && serviceSelectedBy(find(objects, 'Service', longest.backend.service.name).spec.selector);
    };

    const mediaPaths = mediaApiPaths();
    expect(mediaPaths.length).toBeGreaterThan(0);
    for (const mediaPath of mediaPaths) {
      expect({ path: mediaPath, service: serviceFor(`${mediaPath}/sample`) }).toEqual({ path: mediaPath, service: 'media' });
    }
    const authPath = controllerPath(AuthController);
    expect({ path: authPath, service: serviceFor(`${authPath}/login`) }).toEqual({ path: authPath, service: 'gateway' });
  });

  it('admits Ingress traffic on routed ports', () => {
    // The rule must admit outside peers (the ingress controller), not only the platform's own services.
    const admitsOutsidePeers = (ingressRule: NetworkPolicyRule) =>
      (ingressRule.from ?? []).every((peer) => !peer.podSelector || !serviceSelectedBy(peer.podSelector.matchLabels));
    const policies = ofKind('NetworkPolicy');
    if (policies.length === 0) return;
    for (const ingress of ofKind('Ingress')) {
      for (const rule of ingress.spec.rules) {
        for (const route of rule.http.paths) {
          const backend = find(objects, 'Service', route.backend.service.name);
          const service = serviceSelectedBy(backend.spec.selector);
          const port = backend.spec.ports.find(
            (candidate: { name: string }) => candidate.name === route.backend.service.port.name,
          );
          const policy = policies.find((candidate) => serviceSelectedBy(candidate.spec.podSelector.matchLabels) === service);
          expect(policy).toBeDefined();
          const admitted = policy!.spec.ingress.some(
            (ingressRule: NetworkPolicyRule) =>
              ingressRule.ports.some((candidate) => candidate.port === port.targetPort) && admitsOutsidePeers(ingressRule),
          );
          expect({ service, port: port.targetPort, admitted }).toEqual({ service, port: port.targetPort, admitted: true });
        }
      }
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

  it.each(SERVICES)('budgets disruptions of $name as configured', (service) => {
    const budgets = ofKind('PodDisruptionBudget').filter(
      (budget) => serviceSelectedBy(budget.spec.selector.matchLabels) === service.name,
    );
    const enabled = valueOf({ files, set }, `${service.name}.podDisruptionBudget.enabled`) === true;
    expect(budgets).toHaveLength(enabled ? 1 : 0);
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

  it('creates the bucket with the media settings', () => {
    const job = objects.find((object) => object.kind === 'Job');
    if (!job) return;
    const jobEnv = environmentOf(job.spec.template.spec.containers[0]);
    const names = Object.values(s3Settings().names);
    if (valueOf({ files, set }, 'media.s3.createBucket') !== true) {
      expect(names.filter((variable) => jobEnv[variable] !== undefined)).toEqual([]);

      return;
    }

    const mediaEnvironment = serviceEnvironment('media');
    for (const variable of names) {
      expect({ variable, value: jobEnv[variable] }).toEqual({ variable, value: mediaEnvironment[variable] });
    }
    const settings = s3Settings();
    expect(readConfig(settings.names, settings.spec, jobEnv).s3Endpoint).toBe(mediaEnvironment.MEDIA_S3_ENDPOINT);
  });

  it('creates setup Secrets before the job', () => {
    const job = objects.find((object) => object.kind === 'Job');
    if (!job) return;
    const hookWeight = (object: K8sObject) => Number(object.metadata.annotations?.['helm.sh/hook-weight'] ?? 0);
    const isHook = (object: K8sObject) => object.metadata.annotations?.['helm.sh/hook'] !== undefined;
    const entries: EnvEntry[] = job.spec.template.spec.containers[0].env;
    for (const entry of entries) {
      const secretName = entry.valueFrom?.secretKeyRef?.name;
      const secret = secretName && chartSecret(secretName);
      if (!secret) continue;
      // A hook runs before the release's other objects exist, so it may read only hook Secrets made before it.
      if (isHook(job)) {
        expect({ secret: secretName, hook: isHook(secret) }).toEqual({ secret: secretName, hook: true });
        expect(hookWeight(secret)).toBeLessThan(hookWeight(job));
        expect(secret.metadata.annotations?.['helm.sh/hook']).toBe(job.metadata.annotations?.['helm.sh/hook']);
      } else {
        expect({ secret: secretName, hook: isHook(secret) }).toEqual({ secret: secretName, hook: false });
      }
    }
  });
});

describe('the Dockerfiles', () => {
  let objects: K8sObject[];

  beforeAll(() => {
    objects = parseManifests(renderChart([], REQUIRED_SET));
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
