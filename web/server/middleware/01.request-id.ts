import { useRequestId } from '../utils/requestId';

// First middleware: every response, including errors and pages, carries the id.
export default defineEventHandler((event) => {
  useRequestId(event);
});
