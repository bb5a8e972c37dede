import type { ValidationChecks } from 'langium';
import type { DrbdAstType } from '../../syntax/generated/ast.js';
import type { DrbdServices } from '../drbd-module.js';

/** Registers the DRBD checks with Langium's ValidationRegistry, one entry per concern. */
export function registerValidationChecks(services: DrbdServices): void {
    const registry = services.validation.ValidationRegistry;
    const configuration = services.drbd.ConfigurationValidator;
    const checks: ValidationChecks<DrbdAstType> = {
        DrbdFile: configuration.check.bind(configuration),
    };
    registry.register(checks, configuration);
}
