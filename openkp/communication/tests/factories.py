import factory
from django.utils import timezone

from openkp.communication.models import CommunicationChannel, NewsItem, Subscriber


class NewsItemFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = NewsItem

    title = factory.Sequence(lambda n: f"Aktualita {n}")
    slug = factory.Sequence(lambda n: f"aktualita-{n}")
    perex = "Krátké shrnutí aktuality."
    body = "První odstavec.\n\nDruhý odstavec."
    is_published = True
    published_at = factory.LazyFunction(timezone.now)


class CommunicationChannelFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CommunicationChannel

    channel = CommunicationChannel.Channel.WEB
    audience = CommunicationChannel.Audience.PUBLIC
    content = "Aktuality a pozvánky"
    frequency = "průběžně"
    responsible = "koordinátor/ka KP"


def confirmed_subscriber(area, email):
    subscriber = Subscriber(area=area, email=email, status=Subscriber.Status.CONFIRMED, consented_at=timezone.now(),
                            confirmed_at=timezone.now())
    subscriber.set_key()
    subscriber.save()
    return subscriber
