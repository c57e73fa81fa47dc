// A test page that uses the renderer's transport exactly as the app does (getTransportClient),
// so browser mode is checked in real Chromium whatever state the UI is in. Test-only: it is
// built by the spec into test-results/, never into the app.
import { getTransportClient } from '../../../renderer/src/transport/index';

const client = getTransportClient();
const show = (id: string, text: string): void => {
  const el = document.getElementById(id);
  if (el) el.textContent = text;
};
const render = (): void => {
  show('status', client.status);
  show('error', client.error ? `${client.error.message} (${client.error.fix})` : '');
};
render();
client.onStatus(render);
client.call('app.info', {}).then(
  (info) => show('info', JSON.stringify(info)),
  (err: { message?: string }) => show('info', `failed: ${err.message ?? String(err)}`),
);
