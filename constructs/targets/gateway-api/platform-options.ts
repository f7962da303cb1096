/** The shared-platform options of `RoutingTarget.gatewayApi` (platform.ts), checked together. */
import { FieldPath } from '../../core/field-path';
import { Problem } from '../../core/problem';
import { GatewayApiOptions } from './options';
import { gatewayAddressesProblems, gatewayInfrastructureProblems, gatewayOwnershipProblems, platformGatewayProblems } from './platform';

/** `platformGateway`, `addresses` and `infrastructure`: each valid, and only where the app owns the Gateway. */
export function sharedPlatformProblems(options: GatewayApiOptions): Problem[] {
  const option = (name: string) => FieldPath.root('options').child(name);
  return [
    ...(options.platformGateway ? platformGatewayProblems(option('platformGateway'), options.platformGateway) : []),
    ...(options.addresses ? gatewayAddressesProblems(option('addresses'), options.addresses) : []),
    ...(options.infrastructure ? gatewayInfrastructureProblems(option('infrastructure'), options.infrastructure) : []),
    ...gatewayOwnershipProblems(options),
  ];
}
