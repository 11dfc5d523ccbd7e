import { execFileSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { ScaledObject } from '@kubernetes-models/keda/keda.sh/v1alpha1';
import { Deployment } from 'kubernetes-models/apps/v1';
import { PodDisruptionBudget } from 'kubernetes-models/policy/v1';
import { ConfigMap, Service } from 'kubernetes-models/v1';
import { parseAllDocuments } from 'yaml';
import { Topics } from '@hookbus/contracts';
import { SHUTDOWN_GRACE_MS } from '@hookbus/platform';
// The consumer groups and vendors as delivery-service derives them at boot. Apps publish no import
// path, so this spec reaches into its sources.
/* eslint-disable @nx/enforce-module-boundaries */
import { deliveryEnvSchema } from '../../apps/delivery-service/src/delivery-env';
import { AVAILABLE_VENDORS } from '../../apps/delivery-service/src/plugins/available-plugins';

const root = path.resolve(__dirname, '../..');
const overlaysDir = path.join(root, 'deploy/kubernetes/overlays');

interface Manifest {
  readonly apiVersion: string;
  readonly kind: string;
  readonly metadata: { readonly name: string; readonly labels?: Record<string, string> };
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- checked field by field below
  readonly spec?: any;
}

/** The Kubernetes API schemas (kubernetes-models, and KEDA's CRD for ScaledObject) each kind is checked against. */
const MODELS: Record<string, new (data: never) => { validate(): void }> = {
  'v1/ConfigMap': ConfigMap,
  'v1/Service': Service,
  'apps/v1/Deployment': Deployment,
  'policy/v1/PodDisruptionBudget': PodDisruptionBudget,
  'keda.sh/v1alpha1/ScaledObject': ScaledObject,
};

/** What `kubectl kustomize` renders for an overlay. */
function render(overlay: string): Manifest[] {
  const yaml = execFileSync('kubectl', ['kustomize', path.join(overlaysDir, overlay)], { encoding: 'utf8' });
  return parseAllDocuments(yaml).map((document) => document.toJS() as Manifest);
}

const validate = (manifest: Manifest) => new MODELS[`${manifest.apiVersion}/${manifest.kind}`](manifest as never).validate();
const ofKind = (manifests: Manifest[], kind: string) => manifests.filter((manifest) => manifest.kind === kind);
const containerOf = (deployment: Manifest) => deployment.spec.template.spec.containers[0];
const envOf = (deployment: Manifest): { name: string; value?: string; valueFrom?: object }[] => containerOf(deployment).env ?? [];
const selects = (selector: Record<string, string>, labels: Record<string, string>) => Object.entries(selector).every(([key, value]) => labels[key] === value);

/** The consumer group delivery-service derives from a Deployment's DELIVERY_PLUGINS, as it does at boot. */
function groupOf(deployment: Manifest): string {
  const plugins = envOf(deployment).find(({ name }) => name === 'DELIVERY_PLUGINS')?.value;
  return deliveryEnvSchema.parse(plugins === undefined ? {} : { DELIVERY_PLUGINS: plugins }).KAFKA_GROUP_ID;
}

const overlays = readdirSync(overlaysDir);
/** Variables that carry a secret (a database URL and an SMTP URL may hold a password). */
const SECRET_NAMES = /SECRET|TOKEN|PASSWORD|DATABASE_URL|SMTP_URL/;

describe('the Kubernetes manifests (deploy/kubernetes)', () => {
  it('has the overlays the README names', () => {
    expect(overlays.sort()).toEqual(['all-in-one', 'per-vendor']);
  });

  it('validation against the schemas is real: a wrong field type is refused', () => {
    const [deployment] = ofKind(render('all-in-one'), 'Deployment');
    expect(() => validate({ ...deployment, spec: { ...deployment.spec, replicas: 'two' } })).toThrow(/replicas/);
  });

  describe.each(overlays)('overlay %s', (overlay) => {
    const manifests = render(overlay);
    const deployments = ofKind(manifests, 'Deployment');

    it('renders only kinds it can check, each valid against its Kubernetes API schema', () => {
      expect(manifests.length).toBeGreaterThan(0);
      for (const manifest of manifests) {
        expect(Object.keys(MODELS)).toContain(`${manifest.apiVersion}/${manifest.kind}`);
        expect(() => validate(manifest)).not.toThrow();
      }
    });

    it('runs every service, each probed on /health/live and /health/ready, with resources, ending after its drain', () => {
      const services = new Set(deployments.map((deployment) => deployment.metadata.labels?.['app.kubernetes.io/name']));
      expect([...services].sort()).toEqual(['config-service', 'delivery-service', 'ingest-service', 'notifier-service', 'retry-scheduler']);
      for (const deployment of deployments) {
        const container = containerOf(deployment);
        expect(container.livenessProbe.httpGet.path).toBe('/health/live');
        expect(container.readinessProbe.httpGet.path).toBe('/health/ready');
        expect(container.resources.requests).toEqual({ cpu: expect.any(String), memory: expect.any(String) });
        expect(container.resources.limits.memory).toEqual(expect.any(String));
        expect(deployment.spec.template.spec.terminationGracePeriodSeconds * 1000).toBeGreaterThan(SHUTDOWN_GRACE_MS);
      }
    });

    it('gives every Deployment a PodDisruptionBudget over its pods alone', () => {
      const budgets = ofKind(manifests, 'PodDisruptionBudget');
      for (const deployment of deployments) {
        const labels = deployment.spec.template.metadata.labels;
        const covering = budgets.filter((budget) => selects(budget.spec.selector.matchLabels, labels));
        expect(covering.map((budget) => budget.metadata.name)).toEqual([deployment.metadata.name]);
        const others = deployments.filter((other) => other !== deployment);
        expect(others.filter((other) => selects(covering[0].spec.selector.matchLabels, other.spec.template.metadata.labels))).toEqual([]);
      }
    });

    it('takes every secret from a Secret, never from a plain manifest', () => {
      expect(ofKind(manifests, 'Secret')).toEqual([]);
      for (const deployment of deployments) {
        for (const variable of envOf(deployment).filter(({ name }) => SECRET_NAMES.test(name))) {
          expect({ [variable.name]: variable.value }).toEqual({ [variable.name]: undefined });
          expect(variable.valueFrom).toEqual({ secretKeyRef: expect.objectContaining({ name: 'hookbus' }) });
        }
      }
      for (const map of ofKind(manifests, 'ConfigMap')) expect(Object.keys((map as { data?: object }).data ?? {}).filter((key) => SECRET_NAMES.test(key))).toEqual([]);
    });

    it('scales each delivery-service Deployment with KEDA on its own consumer groups, never beyond the partitions', () => {
      const scaled = ofKind(manifests, 'ScaledObject');
      const delivery = deployments.filter((deployment) => deployment.metadata.labels?.['app.kubernetes.io/name'] === 'delivery-service');
      expect(scaled.map((object) => object.spec.scaleTargetRef.name).sort()).toEqual(delivery.map((deployment) => deployment.metadata.name).sort());
      for (const target of delivery) {
        const [object] = scaled.filter((candidate) => candidate.spec.scaleTargetRef.name === target.metadata.name);
        const group = groupOf(target);
        expect(object.spec.maxReplicaCount).toBeLessThanOrEqual(Topics.events.partitions);
        expect(object.spec.triggers.map(({ type, metadata }: { type: string; metadata: Record<string, string> }) => [type, metadata.topic, metadata.consumerGroup, metadata.allowIdleConsumers])).toEqual([
          ['kafka', Topics.events.name, group, 'false'],
          ['kafka', Topics.retries.name, `${group}.retries`, 'false'],
        ]);
      }
    });
  });

  it('per-vendor runs one delivery-service Deployment per vendor, each loading that vendor alone', () => {
    const delivery = ofKind(render('per-vendor'), 'Deployment').filter((deployment) => deployment.metadata.labels?.['app.kubernetes.io/name'] === 'delivery-service');
    const plugins = delivery.map((deployment) => envOf(deployment).find(({ name }) => name === 'DELIVERY_PLUGINS')?.value);
    expect(plugins.sort()).toEqual([...AVAILABLE_VENDORS].sort());
  });
});
