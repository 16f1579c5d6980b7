/** RFC 9457 problem details as the API sends them, and a typed error to throw around the app. */

export type ParamValue = string | number | null;

export interface FieldError {
  field: string;
  /** For people, in the language the request asked for (the SPA sends its own as Accept-Language). */
  message: string;
  /** Stable machine-readable code (the API's ErrorCode list); `invalid` when the text has none. */
  code: string;
  params: Record<string, ParamValue>;
}

export interface Problem {
  type: string;
  title: string;
  status: number;
  detail?: string | null;
  errors: FieldError[];
}

export class ProblemError extends Error {
  readonly problem: Problem;

  constructor(problem: Problem) {
    super(problem.detail || problem.title);
    this.name = 'ProblemError';
    this.problem = problem;
  }

  get status(): number {
    return this.problem.status;
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Turn whatever a failed response carried into a Problem (tolerates FastAPI's `detail` lists and plain text). */
export function toProblem(status: number, body: unknown, statusText = ''): Problem {
  if (isRecord(body)) {
    const errors: FieldError[] = [];
    if (Array.isArray(body.errors)) {
      for (const e of body.errors) {
        if (isRecord(e) && typeof e.field === 'string' && typeof e.message === 'string') {
          errors.push({
            field: e.field,
            message: e.message,
            code: typeof e.code === 'string' && e.code ? e.code : 'invalid',
            params: isRecord(e.params) ? (e.params as Record<string, ParamValue>) : {},
          });
        }
      }
    } else if (Array.isArray(body.detail)) {
      // FastAPI's default 422 shape: {detail: [{loc: [...], msg}]}
      for (const e of body.detail) {
        if (isRecord(e) && Array.isArray(e.loc) && typeof e.msg === 'string') {
          errors.push({ field: e.loc.join('.'), message: e.msg, code: 'invalid', params: {} });
        }
      }
    }
    return {
      type: typeof body.type === 'string' ? body.type : 'about:blank',
      title: typeof body.title === 'string' ? body.title : statusText || `HTTP ${status}`,
      status: typeof body.status === 'number' ? body.status : status,
      detail: typeof body.detail === 'string' ? body.detail : null,
      errors,
    };
  }
  return {
    type: 'about:blank',
    title: statusText || `HTTP ${status}`,
    status,
    detail: typeof body === 'string' && body ? body : null,
    errors: [],
  };
}

/** Field errors keyed by the field name without its location prefix (`body.title` → `title`). */
export function fieldErrors(problem: Problem | null | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const e of problem?.errors ?? []) {
    const key = e.field.replace(/^(body|query|path|header)\./, '');
    out[key] = out[key] ? `${out[key]} ${e.message}` : e.message;
  }
  return out;
}

export function isProblemError(error: unknown, status?: number): error is ProblemError {
  return error instanceof ProblemError && (status === undefined || error.status === status);
}
