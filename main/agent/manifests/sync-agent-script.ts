// Copies agent-manifests/agent.sh into agent-pod.yaml's command, keeping the file's comments.
// Run after editing agent.sh: `npx tsx main/agent/manifests/sync-agent-script.ts`
// (test/unit/agent-manifests.test.ts fails while the two differ).
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Scalar, isScalar, parseDocument } from 'yaml';
import { SCRIPT_ARG_INDEX, manifestsDir, readManifest } from './manifest-files';

const dir = manifestsDir();
const doc = parseDocument(readManifest('agent-pod.yaml', dir));
const path = ['spec', 'containers', 0, 'command', SCRIPT_ARG_INDEX];
const node = doc.getIn(path, true);
if (!isScalar(node))
  throw new Error('agent-pod.yaml: spec.containers[0].command[2] is not a string');
node.value = readManifest('agent.sh', dir);
node.type = Scalar.BLOCK_LITERAL;
writeFileSync(join(dir, 'agent-pod.yaml'), doc.toString({ lineWidth: 0 }));
process.stdout.write('agent-pod.yaml now carries agent.sh\n');
