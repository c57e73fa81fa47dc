// Validation of a new pod, with the real field paths and messages, as 422 Invalid causes.
import type { Container, Pod } from '../../contracts';
import { labelError, subdomainError } from '../store/names';
import { errors } from '../status';

interface FieldError {
  field: string;
  type: string;
  detail: string;
}

const required = (field: string): FieldError => ({
  field,
  type: 'FieldValueRequired',
  detail: 'Required value',
});
const invalidValue = (field: string, value: string, why: string): FieldError => ({
  field,
  type: 'FieldValueInvalid',
  detail: `Invalid value: "${value}": ${why}`,
});

function validateContainers(list: Container[], path: string, seen: Set<string>): FieldError[] {
  const out: FieldError[] = [];
  list.forEach((c, i) => {
    const at = `${path}[${i}]`;
    if (!c.name) out.push(required(`${at}.name`));
    else {
      const bad = labelError(c.name);
      if (bad) out.push(invalidValue(`${at}.name`, c.name, bad));
      if (seen.has(c.name))
        out.push({
          field: `${at}.name`,
          type: 'FieldValueDuplicate',
          detail: `Duplicate value: "${c.name}"`,
        });
      seen.add(c.name);
    }
    if (!c.image) out.push(required(`${at}.image`));
  });
  return out;
}

/** Volume names are DNS labels (they name directories on the node), mounts name a volume. */
function validateVolumes(pod: Pod): FieldError[] {
  const out: FieldError[] = [];
  const volumes = Array.isArray(pod.spec?.volumes) ? pod.spec.volumes : [];
  const names = new Set<string>();
  volumes.forEach((v, i) => {
    const at = `spec.volumes[${i}].name`;
    if (!v?.name) return out.push(required(at));
    const bad = labelError(v.name);
    if (bad) out.push(invalidValue(at, v.name, bad));
    if (names.has(v.name))
      out.push({ field: at, type: 'FieldValueDuplicate', detail: `Duplicate value: "${v.name}"` });
    names.add(v.name);
  });
  const lists: Array<[string, Container[] | undefined]> = [
    ['spec.containers', pod.spec?.containers],
    ['spec.initContainers', pod.spec?.initContainers],
  ];
  for (const [path, list] of lists) {
    (Array.isArray(list) ? list : []).forEach((c, i) => {
      (c.volumeMounts ?? []).forEach((m, j) => {
        const at = `${path}[${i}].volumeMounts[${j}]`;
        if (!m.name) out.push(required(`${at}.name`));
        else if (!names.has(m.name))
          out.push({
            field: `${at}.name`,
            type: 'FieldValueNotFound',
            detail: `Not found: "${m.name}"`,
          });
        if (!m.mountPath) out.push(required(`${at}.mountPath`));
      });
    });
  }
  return out;
}

/** Throws 422 Invalid listing every problem, as `Pod "x" is invalid: [a, b]`. */
export function validateNewPod(pod: Pod): void {
  const errs: FieldError[] = [];
  const name = pod.metadata.name;
  if (!name)
    errs.push({
      field: 'metadata.name',
      type: 'FieldValueRequired',
      detail: 'Required value: name or generateName is required',
    });
  else {
    const bad = subdomainError(name);
    if (bad) errs.push(invalidValue('metadata.name', name, bad));
  }
  const containers = Array.isArray(pod.spec?.containers) ? pod.spec.containers : [];
  if (!containers.length) errs.push(required('spec.containers'));
  const seen = new Set<string>();
  errs.push(...validateContainers(containers, 'spec.containers', seen));
  errs.push(...validateContainers(pod.spec?.initContainers ?? [], 'spec.initContainers', seen));
  errs.push(...validateVolumes(pod));
  const policy = pod.spec?.restartPolicy;
  if (policy && !['Always', 'OnFailure', 'Never'].includes(policy)) {
    errs.push({
      field: 'spec.restartPolicy',
      type: 'FieldValueNotSupported',
      detail: `Unsupported value: "${policy}": supported values: "Always", "OnFailure", "Never"`,
    });
  }
  if (errs.length) throw errors.invalid('Pod', name ?? '', errs);
}
