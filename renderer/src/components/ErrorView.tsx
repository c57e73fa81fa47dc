// The one way an error is shown everywhere: its stable code, what happened, and what to do.
import type { ReactNode } from 'react';
import type { WireError } from '../../../main/api/contract';
import './error-view.css';

export function ErrorView(props: {
  error: WireError;
  variant: 'banner' | 'inline' | 'page' | 'compact';
  title?: string;
  actions?: ReactNode;
}) {
  const { error, variant, title, actions } = props;
  return (
    <div className={`error-view error-${variant}`} role="alert" data-error-code={error.code}>
      <div className="error-main">
        {title && <div className="error-title">{title}</div>}
        <div className="error-line">
          <span className="error-code">{error.code}</span>
          <span className="error-message">{error.message}</span>
        </div>
        {error.fix && (
          <div className="error-fix">
            <span className="error-fix-label">Fix</span>
            {error.fix}
          </div>
        )}
      </div>
      {actions && <div className="error-actions">{actions}</div>}
    </div>
  );
}
