"""What each role gets from the funding URLs (gathered by liaison/tests/test_url_walk.py)."""

from liaison.tests.walk import API_READ, LOGIN, READ, WRITE, Case


def _opportunity(users):
    from .factories import FundingOpportunityFactory

    return {"pk": FundingOpportunityFactory().pk}


def _milestone(users):
    from .factories import MilestoneFactory

    return {"pk": MilestoneFactory().pk}


# Marking a milestone done is a POST that redirects back to the opportunity.
POST_WRITE = {"anonymous": LOGIN, "outsider": 403, "officer": 302, "supervisor": 403, "administrator": 302}

CASES = {
    "funding:opportunity_list": Case(READ, query="?deadline_within=30&sort=deadline"),
    "funding:pipeline": Case(READ),
    "funding:opportunity_create": Case(WRITE),
    "funding:opportunity_detail": Case(READ, kwargs=_opportunity),
    "funding:opportunity_update": Case(WRITE, kwargs=_opportunity),
    "funding:opportunity_delete": Case(WRITE, kwargs=_opportunity),
    "funding:opportunity_status": Case(WRITE, kwargs=_opportunity),
    "funding:opportunity_log_interaction": Case(WRITE, kwargs=_opportunity),
    "funding:milestone_add": Case(WRITE, kwargs=_opportunity),
    "funding:milestone_done": Case(POST_WRITE, kwargs=_milestone, method="post"),
}

# The API's resources (funding/api.py).
CASES.update(
    {
        "api:opportunity-list": Case(API_READ, query="?ordering=-title"),
        "api:opportunity-detail": Case(API_READ, kwargs=_opportunity),
        "api:milestone-list": Case(API_READ),
        "api:milestone-detail": Case(API_READ, kwargs=_milestone),
    }
)
