// Selection by uid: click, ctrl-click, shift ranges in the table's current order, pruning.
import { beforeEach, describe, expect, it } from 'vitest';
import { useSelectionStore } from '../../renderer/src/stores/selection-store';

const order = ['a', 'b', 'c', 'd', 'e'].map((uid) => ({ uid }));
const selected = () => [...useSelectionStore.getState().selected].sort();

describe('pod selection', () => {
  beforeEach(() =>
    useSelectionStore.setState({ selected: new Set(), anchor: undefined, focus: undefined }),
  );

  it('shift-click selects the range from the anchor, in table order', () => {
    const s = useSelectionStore.getState();
    s.selectOnly('b');
    s.selectRange('d', order, false);
    expect(selected()).toEqual(['b', 'c', 'd']);
    s.selectRange('a', order, false);
    expect(selected()).toEqual(['a', 'b']);
  });

  it('ctrl-click toggles one pod; ctrl-shift adds a range to the selection', () => {
    const s = useSelectionStore.getState();
    s.selectOnly('a');
    s.toggle('c');
    expect(selected()).toEqual(['a', 'c']);
    s.selectRange('e', order, true);
    expect(selected()).toEqual(['a', 'c', 'd', 'e']);
    s.toggle('a');
    expect(selected()).toEqual(['c', 'd', 'e']);
  });

  it('deleted pods leave the selection and the focus', () => {
    const s = useSelectionStore.getState();
    s.selectAll(order);
    useSelectionStore.setState({ focus: 'b' });
    s.prune(['b', 'z']);
    expect(selected()).toEqual(['a', 'c', 'd', 'e']);
    expect(useSelectionStore.getState().focus).toBeUndefined();
  });
});
