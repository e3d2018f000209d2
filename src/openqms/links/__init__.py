"""Links to where a piece of work came from, stored as a kind and an id, never as a URL.

An action raised at a huddle, from an audit or by an improvement project points back to it with a
`Source`: a kind named for its app ("control.huddle", "assurance.audit") and the row's id. Which
page that is, what it is called, and whether the person looking may see it, is answered by the app
that owns the kind, through a resolver it registers here when it starts (`AppConfig.ready`). This
package sits below the domain apps and knows none of them. See
docs/adr/0023-one-generic-link-to-where-work-came-from.md.
"""
