import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import {
  AssessmentQuery,
  AssessmentResult,
  ManualScoreInput,
  OrganizationAssessment,
  Scheme,
  SchemeInput,
  SchemeList,
} from '../../../shared/schemas/assessments.js';
import { authorize } from '../../http/auth.js';
import type { Env } from '../../http/context.js';
import { access, BEARER, ERRORS, jsonBody, jsonOk } from '../../http/openapi.js';
import { serviceContext } from '../../http/service-context.js';
import { assess, createScheme, listAssessmentSchemes, setManualScore } from './service.js';

const tags = ['assessments'];

const listSchemesRoute = createRoute({
  method: 'get',
  path: '/assessments/schemes',
  operationId: 'listAssessmentSchemes',
  description: access('assessment.read'),
  tags,
  summary: 'The tenant’s assessment schemes (考核方案), newest first',
  security: BEARER,
  middleware: [authorize('assessment.read')] as const,
  responses: { 200: jsonOk(SchemeList, 'newest first'), ...ERRORS },
});

const createSchemeRoute = createRoute({
  method: 'post',
  path: '/assessments/schemes',
  operationId: 'createAssessmentScheme',
  description: access('assessment.write'),
  tags,
  summary: 'Add a scheme: criteria whose points add up to its total, each computed from the records or scored by the bureau; veto items',
  security: BEARER,
  middleware: [authorize('assessment.write')] as const,
  request: { body: jsonBody(SchemeInput) },
  responses: { 201: jsonOk(Scheme, 'the scheme'), ...ERRORS },
});

const assessRoute = createRoute({
  method: 'get',
  path: '/assessments',
  operationId: 'listAssessments',
  description: access('assessment.read'),
  tags,
  summary: 'Each organization scored for a period (YYYY or YYYY-H1): criteria, total, veto, rank (a member: its own scorecard)',
  security: BEARER,
  middleware: [authorize('assessment.read')] as const,
  request: { query: AssessmentQuery },
  responses: { 200: jsonOk(AssessmentResult, 'highest total first, vetoed last'), ...ERRORS },
});

const scoreRoute = createRoute({
  method: 'patch',
  path: '/assessments/{organizationId}/{criterionId}',
  operationId: 'setAssessmentScore',
  description: access('assessment.write'),
  tags,
  summary: 'A manual criterion’s score (at most its points) or a veto item set or cleared, with a written reason (audited)',
  security: BEARER,
  middleware: [authorize('assessment.write')] as const,
  request: { params: z.object({ organizationId: z.string().min(1).max(64), criterionId: z.string().min(1).max(64) }), body: jsonBody(ManualScoreInput) },
  responses: { 200: jsonOk(OrganizationAssessment, 'the organization’s scorecard now'), ...ERRORS },
});

export const assessmentRoutes = new OpenAPIHono<Env>()
  .openapi(listSchemesRoute, async (c) => c.json(await listAssessmentSchemes(serviceContext(c)), 200))
  .openapi(createSchemeRoute, async (c) => {
    const input = c.req.valid('json');
    return c.json(await createScheme(serviceContext(c), { ...input, vetoes: input.vetoes ?? [] }), 201);
  })
  .openapi(assessRoute, async (c) => c.json(await assess(serviceContext(c), c.req.valid('query')), 200))
  .openapi(scoreRoute, async (c) => {
    const p = c.req.valid('param');
    return c.json(await setManualScore(serviceContext(c), p.organizationId, p.criterionId, c.req.valid('json')), 200);
  });
