// The parsed filter: boolean structure over field tests.

export type CompareOp = '==' | '!=' | '<' | '>' | '<=' | '>=' | 'contains' | 'matches';

export interface Literal {
  /** The text as written (strings unescaped). */
  text: string;
  quoted: boolean;
  start: number;
  end: number;
}

export type FilterNode =
  | { kind: 'and' | 'or'; left: FilterNode; right: FilterNode }
  | { kind: 'not'; expr: FilterNode }
  | { kind: 'exists'; field: string; start: number; end: number }
  | { kind: 'compare'; field: string; op: CompareOp; value: Literal; start: number; end: number }
  | {
      kind: 'in';
      field: string;
      values: (Literal | [Literal, Literal])[];
      start: number;
      end: number;
    };
