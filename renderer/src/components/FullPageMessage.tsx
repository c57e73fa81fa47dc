// Whole-window states: no kubeconfig, unreadable kubeconfig, no usable context, no client.
import type { Contexts, WireError } from '../../../main/api/contract';
import { ErrorView } from './ErrorView';
import { Brand } from './TopBar';
import './full-page.css';

export function FullPageError(props: { title: string; error: WireError; contexts?: Contexts }) {
  const { title, error, contexts } = props;
  return (
    <div className="full-page">
      <div className="full-page-card">
        <Brand />
        <h2>{title}</h2>
        <ErrorView error={error} variant="page" />
        {contexts && <PathsTried contexts={contexts} />}
      </div>
    </div>
  );
}

function PathsTried({ contexts }: { contexts: Contexts }) {
  return (
    <div className="paths-tried">
      <div className="paths-title">
        Paths tried{' '}
        <span className="dim">
          (
          {contexts.source === 'KUBECONFIG'
            ? 'from $KUBECONFIG, merged in order'
            : contexts.source === 'explicit'
              ? 'given with --kubeconfig'
              : 'the default, as kubectl'}
          )
        </span>
      </div>
      <ul>
        {contexts.paths.map((p) => (
          <li key={p} className="mono">
            {p}
          </li>
        ))}
        {contexts.paths.length === 0 && <li className="dim">none</li>}
      </ul>
    </div>
  );
}

export function NoUsableContext({ contexts }: { contexts: Contexts }) {
  return (
    <div className="full-page">
      <div className="full-page-card">
        <Brand />
        <h2>No usable context in your kubeconfig</h2>
        {contexts.contexts.map((c) =>
          c.problem ? (
            <ErrorView key={c.name} error={c.problem} variant="inline" title={c.name} />
          ) : null,
        )}
        {contexts.contexts.length === 0 && (
          <p className="dim">Your kubeconfig defines no context.</p>
        )}
        <PathsTried contexts={contexts} />
      </div>
    </div>
  );
}

export function Splash({ text }: { text: string }) {
  return (
    <div className="full-page">
      <div className="full-page-card splash">
        <Brand />
        <p className="dim">{text}</p>
      </div>
    </div>
  );
}
