from django.urls import path

from . import views

app_name = "work"

urlpatterns = [
    path("", views.my_work, name="my_work"),
    path("tasks/new/", views.TaskCreate.as_view(), name="task_create"),
    path("tasks/<int:pk>/", views.TaskDetail.as_view(), name="task_detail"),
    path("tasks/<int:pk>/edit/", views.TaskUpdate.as_view(), name="task_edit"),
    path("tasks/<int:pk>/delete/", views.TaskDelete.as_view(), name="task_delete"),
    path("tasks/<int:pk>/done/", views.task_done, name="task_done"),
]
