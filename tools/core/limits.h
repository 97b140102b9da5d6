/* limits.h - the bounds every parser keeps, so hostile input is an error, never a crash */
#ifndef FR_LIMITS_H
#define FR_LIMITS_H

#define FR_MAX_DEPTH 256                 /* nesting of sequences and mappings */
#define FR_MAX_ALIAS_NODES 1000000       /* nodes reachable through YAML aliases, expanded */
#define FR_MAX_RECORD_BYTES (8u << 20)   /* one record file */
#define FR_MAX_SCHEMA_DEPTH 512          /* schema-within-schema recursion while validating */

#endif
