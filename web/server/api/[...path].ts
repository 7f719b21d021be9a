import { ProblemError, problemOf } from '../utils/problem';

// Unknown /api paths answer a problem rather than falling through to the
// page renderer, which would answer HTML to an API client.
export default defineEventHandler((event) => {
  throw new ProblemError(problemOf(404, `No API route ${event.method} ${event.path.split('?')[0]}`));
});
