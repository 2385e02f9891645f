// Writes strict JSON Schemas of Kubernetes objects for kubeconform, offline.
//
// Sources: the OpenAPI v2 document that the k8s.io/kubernetes Go module ships
// (api/openapi-spec/swagger.json) and CustomResourceDefinition files such as
// the Prometheus operator's ServiceMonitor. Each output file contains one kind
// and the definitions it refers to, named as kubeconform's schema-location
// template "{{ .ResourceKind }}{{ .KindSuffix }}.json" expects, e.g.
// deployment-apps-v1.json, service-v1.json, servicemonitor-monitoring-v1.json.
//
// Strict means that an object schema with declared properties rejects any
// other property, so a misspelt key in a template fails validation.
//
// Usage: node generate-schemas.mjs --swagger FILE [--crd FILE]... --out DIR
import fs from 'node:fs';
import path from 'node:path';
import { parseAllDocuments } from 'yaml';

const DEFINITION_PREFIX = '#/definitions/';

// Kubernetes accepts these as either a string or a number.
const SCALAR_OVERRIDES = {
  'io.k8s.apimachinery.pkg.util.intstr.IntOrString': { oneOf: [{ type: 'string' }, { type: 'integer' }] },
  'io.k8s.apimachinery.pkg.api.resource.Quantity': { oneOf: [{ type: 'string' }, { type: 'number' }] },
};

function parseArguments(argv) {
  const options = { swagger: undefined, crds: [], out: undefined };
  for (let i = 0; i < argv.length; i += 2) {
    const [flag, value] = [argv[i], argv[i + 1]];
    if (value === undefined) throw new Error(`${flag} needs a value`);
    if (flag === '--swagger') options.swagger = value;
    else if (flag === '--crd') options.crds.push(value);
    else if (flag === '--out') options.out = value;
    else throw new Error(`unknown option ${flag}; expected --swagger, --crd or --out`);
  }
  if (!options.swagger || !options.out) throw new Error('usage: --swagger FILE [--crd FILE]... --out DIR');

  return options;
}

/** Returns the file name that kubeconform looks up for an apiVersion and kind. */
export function schemaFileName(apiVersion, kind) {
  const [groupOrVersion, version] = apiVersion.split('/');
  const suffix = version === undefined ? groupOrVersion : `${groupOrVersion.split('.')[0]}-${version}`;

  return `${kind.toLowerCase()}-${suffix.toLowerCase()}.json`;
}

/** Copies a schema node, closing open objects, allowing null and collecting the definitions it refers to. */
function strictCopy(node, refs, isRoot = false) {
  if (Array.isArray(node)) return node.map((item) => strictCopy(item, refs));
  if (node === null || typeof node !== 'object') return node;

  const copy = {};
  for (const [key, value] of Object.entries(node)) {
    if (key === 'properties' || key === 'patternProperties' || key === 'definitions') {
      copy[key] = Object.fromEntries(Object.entries(value).map(([name, child]) => [name, strictCopy(child, refs)]));
    } else if (key === '$ref' && typeof value === 'string' && value.startsWith(DEFINITION_PREFIX)) {
      refs.add(value.slice(DEFINITION_PREFIX.length));
      copy[key] = value;
    } else {
      copy[key] = strictCopy(value, refs);
    }
  }
  const preservesUnknown = node['x-kubernetes-preserve-unknown-fields'] === true;
  if (copy.properties && copy.additionalProperties === undefined && !preservesUnknown) {
    copy.additionalProperties = false;
  }
  // The API server treats an explicit null like an absent optional field.
  if (!isRoot && typeof copy.type === 'string') copy.type = [copy.type, 'null'];

  return copy;
}

function pinKind(schema, apiVersion, kind) {
  schema.properties = {
    ...schema.properties,
    apiVersion: { type: 'string', enum: [apiVersion] },
    kind: { type: 'string', enum: [kind] },
  };
  schema.required = [...new Set([...(schema.required ?? []), 'apiVersion', 'kind'])];

  return schema;
}

/** Builds one standalone schema per kind in a swagger document: the kind's definition and everything it refers to. */
export function schemasFromSwagger(swagger) {
  const definitions = swagger.definitions;
  const converted = new Map();
  const convert = (name) => {
    if (!converted.has(name)) {
      const refs = new Set();
      const schema = SCALAR_OVERRIDES[name] ?? strictCopy(definitions[name], refs);
      converted.set(name, { schema, refs });
    }

    return converted.get(name);
  };

  const files = new Map();
  for (const [name, definition] of Object.entries(definitions)) {
    for (const gvk of definition['x-kubernetes-group-version-kind'] ?? []) {
      const apiVersion = gvk.group ? `${gvk.group}/${gvk.version}` : gvk.version;
      const fileName = schemaFileName(apiVersion, gvk.kind);
      // Shared types such as DeleteOptions claim many kinds; the kind's own definition wins.
      const ownDefinition = name.endsWith(`.${gvk.kind}`) && !name.startsWith('io.k8s.apimachinery.');
      if (files.has(fileName) && !ownDefinition) continue;

      const closure = new Map();
      const pending = [...convert(name).refs];
      while (pending.length > 0) {
        const next = pending.pop();
        if (closure.has(next)) continue;
        const { schema, refs } = convert(next);
        closure.set(next, schema);
        pending.push(...refs);
      }
      const root = strictCopy(definitions[name], new Set(), true);
      files.set(fileName, { ...pinKind(root, apiVersion, gvk.kind), definitions: Object.fromEntries(closure) });
    }
  }

  return files;
}

/** Builds one schema per served version of each CustomResourceDefinition in a YAML file. */
export function schemasFromCrd(text) {
  const files = new Map();
  for (const document of parseAllDocuments(text)) {
    const crd = document.toJS();
    if (crd?.kind !== 'CustomResourceDefinition') continue;
    for (const version of crd.spec.versions) {
      if (!version.served || !version.schema?.openAPIV3Schema) continue;
      const apiVersion = `${crd.spec.group}/${version.name}`;
      const root = strictCopy(version.schema.openAPIV3Schema, new Set(), true);
      files.set(schemaFileName(apiVersion, crd.spec.names.kind), pinKind(root, apiVersion, crd.spec.names.kind));
    }
  }

  return files;
}

function main() {
  const options = parseArguments(process.argv.slice(2));
  const files = schemasFromSwagger(JSON.parse(fs.readFileSync(options.swagger, 'utf8')));
  for (const crd of options.crds) {
    for (const [name, schema] of schemasFromCrd(fs.readFileSync(crd, 'utf8'))) files.set(name, schema);
  }
  fs.mkdirSync(options.out, { recursive: true });
  for (const [name, schema] of files) {
    fs.writeFileSync(path.join(options.out, name), JSON.stringify(schema));
  }
  console.log(`wrote ${files.size} schemas to ${options.out}`);
}

if (import.meta.url === `file://${process.argv[1]}`) {
  try {
    main();
  } catch (error) {
    console.error(`error: ${error.message}`);
    process.exit(1);
  }
}
