/**
 * Incidents in the API: GET /incidents (filters, signed cursors) and GET /incidents/{id} (the
 * incident with its timeline and members, or `?format=stix` for a STIX 2.1 bundle). Mounted with
 * the query routes. Parameters are validated with zod; a bad one is a 400 that names it, an
 * unknown id a 404.
 */
import { z } from 'zod';
import { incidentToStix } from '../export';
import { parseIncidentFilters, queryIncidentPage } from '../incident-query';
import type { Store } from '../ports';
import { zodQueryError } from '../query';
import type { IncidentMember } from '../records';
import { HttpError, json } from './router';
import type { ApiRequest, ApiResponse, Route } from './types';

export interface IncidentRouteDeps {
  store: Store;
  /** HMAC key of cursors (the same key as /claims: cursors are bound to their listing). */
  cursorSecret: string | Uint8Array;
}

export const INCIDENT_ID = /^inc_[A-Za-z0-9_-]{1,64}$/;
const INCIDENT_FORMATS = ['json', 'stix'] as const;

/** Members in time order (published, then claim id). */
export function membersInTimeOrder(members: IncidentMember[]): IncidentMember[] {
  return [...members].sort(
    (a, b) => a.publishedAt.localeCompare(b.publishedAt) || a.claimId.localeCompare(b.claimId),
  );
}

export function incidentRoutes(deps: IncidentRouteDeps | (() => IncidentRouteDeps)): Route[] {
  const d = typeof deps === 'function' ? deps : () => deps;

  const list = async (req: ApiRequest): Promise<ApiResponse> => {
    const filters = parseIncidentFilters(req.query);
    const { store, cursorSecret } = d();
    const page = await queryIncidentPage(store, filters, { cursorSecret });
    const res = json(
      200,
      { count: page.incidents.length, incidents: page.incidents, nextCursor: page.nextCursor },
      60,
    );
    if (page.nextCursor) {
      const next = new URLSearchParams(
        Object.entries({ ...req.query, cursor: page.nextCursor }).filter(
          (e): e is [string, string] => e[1] !== undefined,
        ),
      );
      res.headers = {
        ...res.headers,
        'x-next-cursor': page.nextCursor,
        link: `<${req.baseUrl}/incidents?${next.toString()}>; rel="next"`,
      };
    }
    return res;
  };

  const one = async (req: ApiRequest, params: Record<string, string>): Promise<ApiResponse> => {
    const schema = z
      .object({
        format: z
          .enum(INCIDENT_FORMATS, { message: `one of ${INCIDENT_FORMATS.join(', ')}` })
          .optional(),
      })
      .strict();
    const defined = Object.fromEntries(
      Object.entries(req.query).filter(([, v]) => v !== undefined),
    );
    const q = schema.safeParse(defined);
    if (!q.success) throw zodQueryError(q.error, ['format']);
    const id = params.id;
    if (!id || !INCIDENT_ID.test(id)) throw new HttpError(400, 'id: not an incident id', 'id');
    const { store } = d();
    const incident = await store.getIncident(id);
    if (!incident) throw new HttpError(404, `no incident with id ${id}`, 'id');
    const members = membersInTimeOrder(await store.listIncidentMembers(id));
    if (q.data.format === 'stix')
      return {
        status: 200,
        headers: {
          'content-type': 'application/stix+json;version=2.1',
          'content-disposition': `attachment; filename="${id}.stix.json"`,
          'cache-control': 'public, max-age=60',
        },
        body: JSON.stringify(incidentToStix(incident, members)),
      };
    return json(
      200,
      {
        incident,
        members,
        links: {
          stix: `${req.baseUrl}/incidents/${id}?format=stix`,
          articles: [...new Set(members.map((m) => m.articleId))].map(
            (a) => `${req.baseUrl}/articles/${a}`,
          ),
        },
      },
      60,
    );
  };

  return [
    { method: 'GET', pattern: '/incidents', handler: list },
    { method: 'GET', pattern: '/incidents/:id', handler: one },
  ];
}
