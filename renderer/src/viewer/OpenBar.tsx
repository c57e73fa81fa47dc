// File › Open. The core reads the file, so it is a path on the machine running Snoopy (in
// browser mode that is the machine serving the page, not necessarily the browser's). A path or
// a file:// URI can be typed, pasted or dropped as text; a file dropped from a file manager
// reveals only its name to a web page, so we say so and keep the name for the user to complete.
import { useState, type DragEvent } from 'react';
import { useViewerStore } from '../stores/viewer-store';
import { openCapture } from './actions';
import { pathFromDrop } from './drop-path';

export function useDropToOpen(
  setPath: (p: string) => void,
  setHint: (h: string | undefined) => void,
) {
  return {
    onDragOver: (e: DragEvent) => e.preventDefault(),
    onDrop: (e: DragEvent) => {
      e.preventDefault();
      const path = pathFromDrop(
        e.dataTransfer.getData('text/uri-list'),
        e.dataTransfer.getData('text/plain'),
      );
      if (path) {
        setPath(path);
        setHint(undefined);
        void openCapture(path);
        return;
      }
      const name = e.dataTransfer.files[0]?.name;
      if (name) {
        setPath(name);
        setHint(
          `The browser hides where “${name}” lives: type its full path on the Snoopy machine.`,
        );
      }
    },
  };
}

export function OpenBar(props: {
  path: string;
  setPath: (p: string) => void;
  hint?: string | undefined;
}) {
  const opening = useViewerStore((s) => s.opening);
  const [focused, setFocused] = useState(false);
  return (
    <form
      className="pv-open"
      onSubmit={(e) => {
        e.preventDefault();
        void openCapture(props.path);
      }}
    >
      <span className="pv-label">File</span>
      <input
        className="input mono pv-path"
        aria-label="Capture file path"
        placeholder="/path/to/capture.pcap — on the machine running Snoopy; or drop a path here"
        spellCheck={false}
        value={props.path}
        onFocus={() => setFocused(true)}
        onBlur={() => setFocused(false)}
        onChange={(e) => props.setPath(e.target.value)}
      />
      <button className="btn btn-primary" type="submit" disabled={!props.path.trim() || !!opening}>
        {opening ? `Opening… ${opening.count.toLocaleString()}` : 'Open'}
      </button>
      {props.hint && !focused && <span className="pv-hint">{props.hint}</span>}
    </form>
  );
}
