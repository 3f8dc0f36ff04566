// Validates rendered Kubernetes manifests against the Kubernetes API schemas (npm kubernetes-models),
// rejecting unknown fields, plus a few checks of this project's own rules. Custom resources (ServiceMonitor)
// are checked against a small schema of our own (CUSTOM_SCHEMAS) and against what they point at.
//
//   node k8s/validate.mjs LABEL=FILE [LABEL=FILE ...]
//
// Each FILE is a multi-document YAML stream (the output of `kubectl kustomize`). Prints one line per
// document and exits non-zero if anything failed. Run through .ci/k8s-check, which installs the
// packages into k8s/.validate/ from its package-lock.json.
//
// Unknown fields: the Kubernetes OpenAPI schemas do not set additionalProperties: false, so the
// models' validate() alone accepts `spec.replicass`. kubernetes-models ships its schemas compiled to
// JavaScript (Ajv standalone), which reads every property its schema declares (also absent ones) and
// enumerates the keys of map-typed objects (labels, data, ...). So the document is validated through
// a Proxy that records those reads: a key that the validator neither read nor reached by enumeration
// is a field the schema does not know, and fails the document, as `kubectl apply --validate=strict`
// would.

import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

const require = createRequire(new URL('./.validate/package.json', import.meta.url));
const YAML = require('yaml');

// The only environment variables the app's container may be given (the app's configuration contract).
const APP_CONTAINER = 'campus';
const APP_ENV = new Set(['CAMPUS_DB_URL', 'CAMPUS_DB_USER', 'CAMPUS_DB_PASSWORD', 'CAMPUS_JWT_ISSUER', 'CAMPUS_JWT_AUDIENCE', 'CAMPUS_JWT_PUBLIC_KEY_LOCATION', 'QUARKUS_SHUTDOWN_TIMEOUT',
  'CAMPUS_SHUTDOWN_DELAY', 'CAMPUS_PUBLIC_BASE_URL', 'CAMPUS_TRUSTED_PROXIES', 'CAMPUS_CORS_ORIGINS',
  'OTEL_EXPORTER_OTLP_ENDPOINT',
  // the Kafka relay (k8s/components/kafka)
  'CAMPUS_KAFKA_BOOTSTRAP_SERVERS', 'CAMPUS_KAFKA_TOPIC', 'CAMPUS_KAFKA_SECURITY_PROTOCOL', 'CAMPUS_KAFKA_SASL_MECHANISM',
  'CAMPUS_KAFKA_SASL_JAAS_CONFIG']);
// Only the dev overlay may carry a Secret (its throwaway dev credentials).
const SECRETS_ALLOWED_IN = new Set(['overlays/dev']);

// Custom resources have no model in kubernetes-models. Their shape is checked against a small schema of our own:
// the subset of the CRD's fields these manifests may use (prometheus-operator monitoring.coreos.com/v1
// ServiceMonitor), types and required fields, unknown fields rejected like everywhere else.
const DURATION = { type: 'string', pattern: /^(0|([0-9]+(ms|s|m|h))+)$/ };
const STRING = { type: 'string' };
const LABELS = { type: 'object', values: STRING };
const LABEL_SELECTOR = {
  type: 'object',
  properties: {
    matchLabels: LABELS,
    matchExpressions: { type: 'array', items: { type: 'object', required: ['key', 'operator'],
      properties: { key: STRING, operator: { type: 'string', enum: ['In', 'NotIn', 'Exists', 'DoesNotExist'] }, values: { type: 'array', items: STRING } } } },
  },
};
const OBJECT_META = {
  type: 'object', required: ['name'],
  properties: { name: STRING, namespace: STRING, labels: LABELS, annotations: LABELS },
};
const CUSTOM_SCHEMAS = {
  'monitoring.coreos.com/v1 ServiceMonitor': {
    type: 'object', required: ['apiVersion', 'kind', 'metadata', 'spec'],
    properties: {
      apiVersion: STRING, kind: STRING, metadata: OBJECT_META,
      spec: {
        type: 'object', required: ['selector', 'endpoints'],
        properties: {
          selector: LABEL_SELECTOR,
          namespaceSelector: { type: 'object', properties: { any: { type: 'boolean' }, matchNames: { type: 'array', items: STRING } } },
          jobLabel: STRING,
          targetLabels: { type: 'array', items: STRING },
          podTargetLabels: { type: 'array', items: STRING },
          sampleLimit: { type: 'integer' },
          endpoints: { type: 'array', minItems: 1, items: {
            type: 'object', required: ['port'],
            properties: {
              port: STRING, path: { type: 'string', pattern: /^\// }, scheme: { type: 'string', enum: ['http', 'https'] },
              interval: DURATION, scrapeTimeout: DURATION, honorLabels: { type: 'boolean' },
              params: { type: 'object', values: { type: 'array', items: STRING } },
            },
          } },
        },
      },
    },
  },
};

function shapeErrors(schema, value, path, errors) {
  const at = path || '(document)';
  const type = Array.isArray(value) ? 'array' : Number.isInteger(value) ? 'integer' : value === null ? 'null' : typeof value;
  if (schema.type && schema.type !== type) {
    errors.push(`${at}: expected ${schema.type}, found ${type}`);
    return;
  }
  if (schema.enum && !schema.enum.includes(value)) errors.push(`${at}: ${JSON.stringify(value)} is not one of ${schema.enum.join(', ')}`);
  if (schema.pattern && !schema.pattern.test(value)) errors.push(`${at}: ${JSON.stringify(value)} does not match ${schema.pattern}`);
  if (type === 'array') {
    if (schema.minItems && value.length < schema.minItems) errors.push(`${at}: at least ${schema.minItems} item(s)`);
    value.forEach((item, i) => schema.items && shapeErrors(schema.items, item, `${path}[${i}]`, errors));
  }
  if (type === 'object') {
    for (const key of schema.required ?? []) {
      if (!(key in value)) errors.push(`${at}: missing required field "${key}"`);
    }
    for (const [key, child] of Object.entries(value)) {
      const childPath = path ? `${path}.${key}` : key;
      const childSchema = schema.values ?? schema.properties?.[key];
      if (!childSchema) errors.push(`unknown field "${childPath}"`);
      else shapeErrors(childSchema, child, childPath, errors);
    }
  }
}

function matchesSelector(selector, labels) {
  return Object.entries(selector?.matchLabels ?? {}).every(([k, v]) => labels?.[k] === v);
}

// A ServiceMonitor must reach the app's metrics: its selector picks a Service rendered with it, whose port of that
// name targets the management port of the campus container, and the path is /q/metrics.
function serviceMonitorErrors(monitor, docs) {
  const errors = [];
  const services = docs.filter((d) => d?.kind === 'Service' && matchesSelector(monitor.spec?.selector, d.metadata?.labels));
  if (services.length === 0) errors.push('its selector matches no Service rendered here');
  const app = docs.find((d) => d?.kind === 'Deployment' && d.metadata?.name === 'campus');
  const container = podSpecOf(app)?.containers?.find((c) => c.name === APP_CONTAINER);
  for (const endpoint of monitor.spec?.endpoints ?? []) {
    if (endpoint.path !== '/q/metrics') errors.push(`endpoint ${endpoint.port}: path must be /q/metrics`);
    for (const service of services) {
      const port = service.spec?.ports?.find((p) => p.name === endpoint.port);
      if (!port) {
        errors.push(`Service ${service.metadata.name} has no port named ${endpoint.port}`);
        continue;
      }
      const target = port.targetPort ?? port.port;
      const containerPort = container?.ports?.find((p) => p.name === target || p.containerPort === target);
      if (!containerPort || containerPort.name !== 'management') {
        errors.push(`Service ${service.metadata.name} port ${endpoint.port} does not target the management port of container ${APP_CONTAINER}`);
      }
    }
  }
  return errors;
}

function modelClass(apiVersion, kind) {
  if (typeof apiVersion !== 'string' || typeof kind !== 'string') return undefined;
  let mod;
  try {
    mod = require(`kubernetes-models/${apiVersion}`);
  } catch {
    return undefined;
  }
  const cls = mod[kind];
  return typeof cls === 'function' && typeof cls.prototype.validate === 'function' ? cls : undefined;
}

function isPlainObject(v) {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

// Returns a copy of `value` whose objects are Proxies recording how the validator looks at them.
function track(value, path, records) {
  if (Array.isArray(value)) return value.map((v, i) => track(v, `${path}[${i}]`, records));
  if (!isPlainObject(value)) return value;
  const target = {};
  for (const [k, v] of Object.entries(value)) {
    target[k] = track(v, path ? `${path}.${k}` : k, records);
  }
  const rec = { path, keys: Object.keys(value), read: new Set(), enumerated: false };
  records.push(rec);
  return new Proxy(target, {
    get(t, k, r) {
      if (typeof k === 'string') rec.read.add(k);
      return Reflect.get(t, k, r);
    },
    has(t, k) {
      if (typeof k === 'string') rec.read.add(k);
      return Reflect.has(t, k);
    },
    ownKeys(t) {
      rec.enumerated = true;
      return Reflect.ownKeys(t);
    },
  });
}

function schemaErrors(cls, doc) {
  const records = [];
  const tracked = track(doc, '', records);
  const errors = [];
  try {
    // The model's own validate(), run on the tracked document.
    cls.prototype.validate.call(tracked);
  } catch (e) {
    errors.push(e.message);
    return errors; // Ajv stops at the first error: the read records are incomplete.
  }
  for (const rec of records) {
    // Zero reads means a free-form object (no declared properties): nothing to compare with.
    if (rec.enumerated || rec.read.size === 0) continue;
    for (const k of rec.keys) {
      if (!rec.read.has(k)) errors.push(`unknown field "${rec.path ? `${rec.path}.${k}` : k}"`);
    }
  }
  return errors;
}

function podSpecOf(doc) {
  return doc?.spec?.template?.spec;
}

// Project rules, checked per rendered target.
function projectErrors(label, docs) {
  const out = new Map(); // doc index -> errors
  const add = (i, msg) => out.set(i, [...(out.get(i) ?? []), msg]);
  const configMaps = new Map(docs.filter((d) => d?.kind === 'ConfigMap').map((d) => [d.metadata?.name, d.data ?? {}]));
  docs.forEach((doc, i) => {
    if (doc?.kind === 'Secret' && !SECRETS_ALLOWED_IN.has(label)) {
      add(i, `a Secret must not be committed for ${label} (operators create campus-db)`);
    }
    const pod = podSpecOf(doc);
    if (!pod) return;
    for (const c of [...(pod.initContainers ?? []), ...(pod.containers ?? [])]) {
      if (doc.kind === 'Deployment' && doc.metadata?.name === 'campus' && c.name === APP_CONTAINER) {
        if (c.envFrom) add(i, `container ${c.name}: envFrom not allowed, list the variables explicitly`);
        for (const e of c.env ?? []) {
          if (!APP_ENV.has(e.name)) add(i, `container ${c.name}: env ${e.name} is not one the app reads`);
        }
      }
      for (const e of c.env ?? []) {
        const ref = e.valueFrom?.configMapKeyRef;
        if (ref && !ref.optional && !(configMaps.get(ref.name) ?? {})[ref.key]) {
          add(i, `container ${c.name}: env ${e.name} refers to ConfigMap ${ref.name} key ${ref.key}, not rendered here`);
        }
      }
    }
  });
  return out;
}

const args = process.argv.slice(2);
if (args.length === 0) {
  console.error('usage: node k8s/validate.mjs LABEL=FILE [LABEL=FILE ...]');
  process.exit(2);
}

let passed = 0;
let failed = 0;
for (const arg of args) {
  const eq = arg.indexOf('=');
  const [label, file] = eq > 0 ? [arg.slice(0, eq), arg.slice(eq + 1)] : [arg, arg];
  const docs = [];
  for (const d of YAML.parseAllDocuments(readFileSync(file, 'utf8'))) {
    if (d.errors.length) {
      console.log(`FAIL ${label}: YAML: ${d.errors.map((e) => e.message).join('; ')}`);
      failed++;
      continue;
    }
    const js = d.toJS();
    if (js != null) docs.push(js);
  }
  if (docs.length === 0) {
    console.log(`FAIL ${label}: no documents rendered`);
    failed++;
    continue;
  }
  const rules = projectErrors(label, docs);
  docs.forEach((doc, i) => {
    const what = `${label}: ${doc.apiVersion} ${doc.kind} ${doc.metadata?.name ?? '(no name)'}`;
    const cls = modelClass(doc.apiVersion, doc.kind);
    const custom = CUSTOM_SCHEMAS[`${doc.apiVersion} ${doc.kind}`];
    const errors = [];
    if (cls) errors.push(...schemaErrors(cls, doc));
    else if (custom) shapeErrors(custom, doc, '', errors);
    else errors.push(`no schema for ${doc.apiVersion} ${doc.kind}`);
    if (doc.kind === 'ServiceMonitor') errors.push(...serviceMonitorErrors(doc, docs));
    errors.push(...(rules.get(i) ?? []));
    if (errors.length) {
      failed++;
      console.log(`FAIL ${what}`);
      for (const e of errors) console.log(`       - ${e}`);
    } else {
      passed++;
      console.log(`ok   ${what}`);
    }
  });
}
console.log(`k8s-check: ${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
