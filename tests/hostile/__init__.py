"""A hostile test site: one case per row of the reliability checklist, plus good articles."""
