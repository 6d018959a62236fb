"""Server-rendered portal pages (templates/mocks/), mounted at / and /portal/."""
