import { queryOptions, useMutation, useQueryClient } from '@tanstack/react-query';
import { api, ifMatch, unwrap, type Schemas } from '@/lib/api';

export type Goal = Schemas['GoalPublic'];
export type GoalUpdate = Schemas['GoalUpdate'];
export type Visibility = Schemas['Visibility'];

export const goalKeys = {
  all: ['goals'] as const,
  tree: () => [...goalKeys.all, 'tree'] as const,
  detail: (id: number) => [...goalKeys.all, 'detail', id] as const,
};

export const goalTreeQuery = () =>
  queryOptions({
    queryKey: goalKeys.tree(),
    queryFn: () => unwrap(api.GET('/api/v1/goals')),
  });

export const goalQuery = (id: number) =>
  queryOptions({
    queryKey: goalKeys.detail(id),
    queryFn: () => unwrap(api.GET('/api/v1/goals/{goal_id}', { params: { path: { goal_id: id } } })),
  });

/** Read the goal as it is on the server now (for the conflict view), bypassing the cache. */
export function fetchGoal(id: number): Promise<Goal> {
  return unwrap(api.GET('/api/v1/goals/{goal_id}', { params: { path: { goal_id: id } } }));
}

export function useUpdateGoal(id: number) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ version, body }: { version: number; body: GoalUpdate }) =>
      unwrap(
        api.PATCH('/api/v1/goals/{goal_id}', {
          params: { path: { goal_id: id }, header: { 'If-Match': ifMatch(version) } },
          body,
        }),
      ),
    onSuccess: (goal) => {
      queryClient.setQueryData(goalKeys.detail(id), goal);
      void queryClient.invalidateQueries({ queryKey: goalKeys.all });
    },
  });
}
