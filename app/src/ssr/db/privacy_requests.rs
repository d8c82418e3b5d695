//! Privacy requests (access, rectification, erasure…) with a due date 30 days out.
