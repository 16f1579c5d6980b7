import { describe, expect, it } from 'vitest';
import { fieldErrors, isProblemError, ProblemError, toProblem } from './problem';

describe('toProblem', () => {
  it('reads an RFC 9457 body with field errors', () => {
    const p = toProblem(422, {
      type: 'https://sammen.dk/problems/validation-failed',
      title: 'The request is not valid',
      status: 422,
      detail: 'body.title: Skal have mindst 1 tegn',
      errors: [{ field: 'body.title', message: 'Skal have mindst 1 tegn', code: 'field.too_short', params: { min_length: '1' } }],
    });
    expect(p.status).toBe(422);
    expect(p.title).toBe('The request is not valid');
    expect(p.errors).toEqual([{ field: 'body.title', message: 'Skal have mindst 1 tegn', code: 'field.too_short', params: { min_length: '1' } }]);
  });

  it("reads FastAPI's default validation shape", () => {
    const p = toProblem(422, { detail: [{ loc: ['body', 'code'], msg: 'bad code', type: 'x' }] });
    expect(p.errors).toEqual([{ field: 'body.code', message: 'bad code', code: 'invalid', params: {} }]);
    expect(p.detail).toBeNull();
  });

  it('survives a body that is not JSON', () => {
    const p = toProblem(502, '<html>Bad gateway</html>', 'Bad Gateway');
    expect(p).toMatchObject({ status: 502, title: 'Bad Gateway', errors: [] });
  });

  it('survives an empty body', () => {
    expect(toProblem(500, undefined)).toMatchObject({ status: 500, title: 'HTTP 500', errors: [] });
  });

  it('ignores malformed entries in errors', () => {
    const p = toProblem(422, { title: 't', status: 422, errors: [{ field: 'a' }, 'x', { field: 'b', message: 'm' }] });
    expect(p.errors).toEqual([{ field: 'b', message: 'm', code: 'invalid', params: {} }]);
  });
});

describe('fieldErrors', () => {
  it('keys messages by field without the location prefix', () => {
    const p = toProblem(422, {
      title: 't',
      status: 422,
      errors: [
        { field: 'body.title', message: 'too short' },
        { field: 'body.amendment.note', message: 'too long' },
        { field: 'header.If-Match', message: 'expected an ETag' },
      ],
    });
    expect(fieldErrors(p)).toEqual({ title: 'too short', 'amendment.note': 'too long', 'If-Match': 'expected an ETag' });
  });

  it('joins two messages for the same field', () => {
    const p = toProblem(422, { title: 't', status: 422, errors: [{ field: 'body.code', message: 'a.' }, { field: 'body.code', message: 'b.' }] });
    expect(fieldErrors(p)).toEqual({ code: 'a. b.' });
  });

  it('is empty without a problem', () => {
    expect(fieldErrors(null)).toEqual({});
  });
});

describe('ProblemError', () => {
  it('carries the status and uses the detail as message', () => {
    const e = new ProblemError(toProblem(412, { title: 'Changed', status: 412, detail: 'You sent version 1' }));
    expect(e.status).toBe(412);
    expect(e.message).toBe('You sent version 1');
    expect(isProblemError(e, 412)).toBe(true);
    expect(isProblemError(e, 404)).toBe(false);
    expect(isProblemError(new Error('x'))).toBe(false);
  });
});
