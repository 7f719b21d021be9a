import { describe, expect, it } from 'vitest';
import { ROLES_PAGE_MAX, RoleListQuery } from './access.ts';
import { LIST_LIMIT_DEFAULT, LIST_LIMIT_MAX, listQuery } from './lists.ts';
import { REPORTS_PAGE_MAX, ReportListQuery } from './reports.ts';
import { ListSubscriptionsQuery, PLANS_PAGE_MAX, PlanListQuery } from './subscriptions.ts';

const issuesOf = (result: { error?: { issues: { path: PropertyKey[] }[] } }) =>
  result.error?.issues.map((issue) => issue.path.join('.')).sort();

describe('listQuery', () => {
  const Query = listQuery(['name', 'createdAt']);

  it('defaults to the first page of LIST_LIMIT_DEFAULT rows, unsorted, without a search', () => {
    expect(Query.parse({})).toEqual({ page: 1, limit: LIST_LIMIT_DEFAULT });
  });

  it('coerces the query strings, trims the search and drops a blank one', () => {
    expect(Query.parse({ page: '3', limit: '50', sort: '-createdAt', q: '  gold ' })).toEqual({
      page: 3,
      limit: 50,
      sort: '-createdAt',
      q: 'gold',
    });
    expect(Query.parse({ q: '   ' }).q).toBeUndefined();
  });

  it('names every bad field: a page below 1, a limit over the bound, an unknown sort, a long search', () => {
    const result = Query.safeParse({ page: '0', limit: String(LIST_LIMIT_MAX + 1), sort: 'price', q: 'x'.repeat(101) });
    expect(issuesOf(result)).toEqual(['limit', 'page', 'q', 'sort']);
  });

  it('takes a list-specific bound, and never defaults above it', () => {
    const Small = listQuery(['name'], { max: 5 });
    expect(Small.parse({}).limit).toBe(5);
    expect(Small.safeParse({ limit: '6' }).success).toBe(false);
  });
});

describe('the list queries of plans, roles, reports and subscriptions', () => {
  it('let a picker ask for every plan or role at once, and no more', () => {
    expect(PlanListQuery.parse({ limit: String(PLANS_PAGE_MAX) }).limit).toBe(PLANS_PAGE_MAX);
    expect(PlanListQuery.safeParse({ limit: String(PLANS_PAGE_MAX + 1) }).success).toBe(false);
    expect(RoleListQuery.parse({ limit: String(ROLES_PAGE_MAX) }).limit).toBe(ROLES_PAGE_MAX);
    expect(ReportListQuery.safeParse({ limit: String(REPORTS_PAGE_MAX + 1) }).success).toBe(false);
  });

  it('sort by their own columns only', () => {
    expect(PlanListQuery.parse({ sort: '-price' }).sort).toBe('-price');
    expect(issuesOf(RoleListQuery.safeParse({ sort: 'permissions' }))).toEqual(['sort']);
    expect(issuesOf(ReportListQuery.safeParse({ sort: 'rows' }))).toEqual(['sort']);
    expect(issuesOf(ListSubscriptionsQuery.safeParse({ sort: 'planId', status: 'late' }))).toEqual(['sort', 'status']);
  });
});
