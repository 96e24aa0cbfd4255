import factory

from openkp.catalog.models import Facility, Service, ServiceForm, ServiceType, TargetGroup
from openkp.catalog.services import service_index
from openkp.core.tests.factories import AreaFactory, OrganisationFactory


class ServiceFactory(factory.django.DjangoModelFactory):
    """A public registered service; pass ``target_groups=[…]`` and ``facilities=[{…}]`` as needed."""

    class Meta:
        model = Service
        skip_postgeneration_save = True

    area = factory.SubFactory(AreaFactory)
    name = factory.Sequence(lambda n: f"Služba {n}")
    provider = factory.SubFactory(OrganisationFactory)
    service_type = factory.LazyFunction(lambda: ServiceType.objects.filter(section="40").first())
    registry_id = factory.Sequence(lambda n: 500000 + n)

    @factory.post_generation
    def target_groups(obj, create, extracted, **kwargs):
        for name in extracted or []:
            obj.target_groups.add(TargetGroup.objects.get(name=name) if isinstance(name, str) else name)

    @factory.post_generation
    def forms(obj, create, extracted, **kwargs):
        for form in extracted or []:
            ServiceForm.objects.create(service=obj, form=form)

    @factory.post_generation
    def facilities(obj, create, extracted, **kwargs):
        for values in extracted or []:
            Facility.objects.create(service=obj, **values)
        service_index(obj).save()
