// How a status reads at a glance: the colour family of kubectl's STATUS column values.
export type StatusTone = 'ok' | 'bad' | 'warn' | 'done' | 'term' | 'other';

const BAD = new Set([
  'CrashLoopBackOff',
  'Error',
  'ImagePullBackOff',
  'ErrImagePull',
  'InvalidImageName',
  'CreateContainerConfigError',
  'CreateContainerError',
  'RunContainerError',
  'OOMKilled',
  'Failed',
  'Evicted',
  'ContainerStatusUnknown',
  'Unknown',
  'NodeLost',
  'StartError',
]);
const WARN = new Set(['Pending', 'ContainerCreating', 'PodInitializing', 'NotReady']);

export function statusTone(status: string, deleting: boolean): StatusTone {
  if (deleting || status === 'Terminating') return 'term';
  if (status === 'Running') return 'ok';
  if (status === 'Completed' || status === 'Succeeded') return 'done';
  if (BAD.has(status) || status.startsWith('Init:Error') || status.startsWith('Init:Crash'))
    return 'bad';
  if (status.startsWith('Init:') && status.includes('BackOff')) return 'bad';
  if (WARN.has(status) || status.startsWith('Init:')) return 'warn';
  return 'other';
}
