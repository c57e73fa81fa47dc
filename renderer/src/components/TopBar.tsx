// Where the user says what to look at: context, namespaces, label selector; and how the watch is.
import { ContextPicker } from './ContextPicker';
import { LabelSelectorInput } from './LabelSelectorInput';
import { NamespacePicker } from './NamespacePicker';
import { PodCount } from './PodCount';
import { WatchIndicator } from './WatchIndicator';
import './bars.css';

export function Brand() {
  return (
    <h1 className="brand">
      <img src="./favicon.svg" alt="" width={18} height={18} />
      Snoopy
    </h1>
  );
}

export function TopBar() {
  return (
    <header className="topbar">
      <Brand />
      <ContextPicker />
      <NamespacePicker />
      <LabelSelectorInput />
      <span className="bar-spacer" />
      <WatchIndicator />
      <PodCount />
    </header>
  );
}
