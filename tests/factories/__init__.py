"""The test factories, one module per app; ``from tests import factories as f`` gives them all."""

from .blog import (  # noqa: F401
    BlogIndexPageFactory,
    BlogPostPageFactory,
)
from .cases import (  # noqa: F401
    ClusterIndexPageFactory,
    ClusterPageFactory,
    FindingIndexPageFactory,
    FindingPageFactory,
    ReportIndexPageFactory,
    ReportPageFactory,
    StoryIndexPageFactory,
    SuccessStoryPageFactory,
)
from .hub import (  # noqa: F401
    CollectionFactory,
    DocumentFactory,
    FocusAreaFactory,
    HubPageFactory,
    ImageFactory,
    StandardPageFactory,
    body,
    locale,
    make_pdf,
    root_collection,
    translate,
)
from .newsletter import (  # noqa: F401
    NewsletterEditionPageFactory,
    NewsletterIndexPageFactory,
    subscribers,
)
