import { hostileInputSuite } from '../support/hostile-suite.js';

// Issue 8, hostile input, the second half of the JSON write routes and the multipart routes
// (tests/support/hostile-suite.ts; the first half in hostile-input.test.ts).
hostileInputSuite(1);
