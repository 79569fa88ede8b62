"""The model: what an anthology is, before it is read from or written to anything.

The typed attrs classes (:mod:`interviewkit.model.models`) sit above their value types and
validators (rich text, problems, names, licences, ISBNs, the link rule), which never import them.
Every other stage of the pipeline depends on this package; it depends only on
:mod:`interviewkit.errors` and the shared helpers of :mod:`interviewkit._util`.
"""
