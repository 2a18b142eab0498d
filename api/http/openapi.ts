import { z } from 'zod';
import type { RouteSpec } from '../v1';

const security: Record<RouteSpec['access'], Record<string, string[]>[]> = {
  public: [],
  'activation system': [{ activationToken: [] }],
  staff: [{ staffSession: [] }, { staffCookie: [] }],
  supervisor: [{ staffSession: [] }, { staffCookie: [] }],
  'activation system or staff': [{ activationToken: [] }, { staffSession: [] }, { staffCookie: [] }],
  'sms gateway': [{ gatewayToken: [] }],
};

const errorBody = {
  type: 'object',
  required: ['error'],
  properties: {
    error: {
      type: 'object',
      required: ['code', 'message'],
      properties: {
        code: { type: 'string' },
        message: { type: 'string' },
        details: { type: 'array', items: { type: 'object', properties: { field: {}, reason: {} } } },
      },
    },
  },
};

/** The OpenAPI 3.1 document of `/v1`, generated from the same route table and schemas the API runs. */
export function openApiDocument(routes: RouteSpec[]): Record<string, unknown> {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const route of routes) {
    const path = route.path.replace(/:(\w+)/g, '{$1}');
    const parameters = [
      ...[...route.path.matchAll(/:(\w+)/g)].map(([, name]) => ({
        name,
        in: 'path',
        required: true,
        schema: { type: 'string' },
      })),
      ...(route.query ? queryParameters(route.query) : []),
    ];
    paths[path] ??= {};
    paths[path][route.method] = {
      summary: route.summary,
      description: `Access: ${route.access}.`,
      security: security[route.access],
      ...(parameters.length > 0 ? { parameters } : {}),
      ...(route.body
        ? {
            requestBody: {
              required: true,
              content: {
                'application/json': {
                  schema: bodySchema(route.documentedBody ?? route.body),
                  ...(route.example === undefined ? {} : { example: route.example }),
                },
              },
            },
          }
        : {}),
      responses: Object.fromEntries(
        Object.entries(route.responses).map(([status, description]) => [
          status,
          {
            description,
            ...(status === '204'
              ? {}
              : {
                  content: { 'application/json': { schema: Number(status) >= 400 ? errorBody : { type: 'object' } } },
                }),
          },
        ]),
      ),
    };
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'Onboarding journey API',
      version: '1',
      description: 'Starts and feeds 90-day subscriber onboarding journeys; the staff task inbox.',
    },
    paths,
    components: {
      securitySchemes: {
        activationToken: { type: 'http', scheme: 'bearer', description: 'ACTIVATION_API_TOKEN' },
        staffSession: { type: 'http', scheme: 'bearer', description: 'from POST /v1/sessions' },
        staffCookie: { type: 'apiKey', in: 'cookie', name: 'journey_session' },
        gatewayToken: { type: 'http', scheme: 'bearer', description: 'SMS_INBOUND_TOKEN' },
      },
    },
  };
}

function jsonSchema(schema: z.ZodType): unknown {
  return z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any', target: 'draft-2020-12' });
}

/** A body's schema; a discriminated union says its discriminator, as OpenAPI's `oneOf` lets it. */
function bodySchema(schema: z.ZodType): unknown {
  const json = jsonSchema(schema) as Record<string, unknown>;
  const { discriminator } = (schema as unknown as { def: { discriminator?: string } }).def;
  if (discriminator === undefined || !Array.isArray(json.oneOf ?? json.anyOf)) return json;
  const { anyOf, ...rest } = json;
  return { ...rest, oneOf: json.oneOf ?? anyOf, discriminator: { propertyName: discriminator } };
}

function queryParameters(schema: z.ZodType) {
  const shape = (schema as unknown as z.ZodObject).shape as Record<string, z.ZodType>;
  return Object.entries(shape).map(([name, field]) => ({
    name,
    in: 'query',
    required: false,
    schema: jsonSchema(field),
  }));
}
