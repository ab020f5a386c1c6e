import * as amplitude from '@amplitude/unified';

export function logout(): void {
  amplitude.reset();
}
