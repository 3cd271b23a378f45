/** Exact Solaris error bodies, as the /v1 routes must answer them. */
type Answered = { headers: Record<string, string> };

export function validationError(res: Answered, field: string, message: string) {
  return {
    errors: [
      {
        id: res.headers['x-request-id'],
        status: 400,
        code: 'validation_error',
        title: 'Validation Error',
        detail: `${field} ${message}`,
        source: { field, message },
      },
    ],
  };
}

export function notFound(res: Answered, model: string, id: string) {
  return {
    errors: [
      {
        id: res.headers['x-request-id'],
        status: 404,
        code: 'model_not_found',
        title: 'Model Not Found',
        detail: `Couldn't find 'Solaris::${model}' for id '${id}'.`,
      },
    ],
  };
}
