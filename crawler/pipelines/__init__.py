"""Item pipelines: normalize -> boilerplate -> validate -> store. See README § Pipelines."""
