import { hostileInputSuite } from '../support/hostile-suite.js';

// Issue 8, hostile input, the first half of the JSON write routes (tests/support/hostile-suite.ts;
// the rest and the multipart routes in hostile-input-2.test.ts, so two workers share the work).
hostileInputSuite(0);
